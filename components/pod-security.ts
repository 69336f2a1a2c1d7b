// Pod Security Admission labels for every namespace this project creates (platform add-ons and the app).
import { KUBERNETES_MINOR } from "../versions";

export type PodSecurityLevel = "privileged" | "baseline" | "restricted";

/**
 * Enforce is pinned to the Kubernetes minor of versions/pins.json (the kind node image's and the AKS default), so
 * a cluster upgrade cannot start rejecting pods by itself; audit and warn follow `latest`, so a policy the next
 * version tightens shows up first as warnings on apply and as audit events (staging, on the rapid channel, runs
 * the next minor first). It moves with the pin.
 */
const POD_SECURITY_ENFORCE_VERSION = `v${KUBERNETES_MINOR}`;

/** enforce, audit and warn all at `level`, with the version policy above. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
    return {
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/enforce-version": POD_SECURITY_ENFORCE_VERSION,
        "pod-security.kubernetes.io/audit": level,
        "pod-security.kubernetes.io/audit-version": "latest",
        "pod-security.kubernetes.io/warn": level,
        "pod-security.kubernetes.io/warn-version": "latest",
    };
}
