// Pure builders of the landing-zone objects that hold no cloud outputs: the namespace with its Pod Security
// labels, the ServiceAccount, the ResourceQuota and the LimitRange. Outputs (workload identity client id, the
// greeting) are added by landing-zone.ts.
import type { ILimitRange } from "kubernetes-models/v1/LimitRange";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { IResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { APP_SERVICE_ACCOUNT, PART_OF } from "./names";
import { limitRangeDefaults, quotaHard } from "./sizing";
import { commonLabels, type WorkloadSpec } from "./spec";

/**
 * Enforce is pinned to the clusters' minor (kind node image and AKS are 1.33) so a Kubernetes upgrade cannot
 * start rejecting pods by itself; audit and warn follow `latest`, so a tightened policy shows up as warnings
 * on apply and audit events first. Raise the pin together with the clusters.
 */
export const POD_SECURITY = { level: "restricted", enforceVersion: "v1.33" } as const;
export const QUOTA_NAME = "workload-quota";
export const LIMIT_RANGE_NAME = "workload-defaults";
export const WORKLOAD_IDENTITY_CLIENT_ID = "azure.workload.identity/client-id";

export function podSecurityLabels(): Record<string, string> {
    const { level, enforceVersion } = POD_SECURITY;
    return {
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/enforce-version": enforceVersion,
        "pod-security.kubernetes.io/audit": level,
        "pod-security.kubernetes.io/audit-version": "latest",
        "pod-security.kubernetes.io/warn": level,
        "pod-security.kubernetes.io/warn-version": "latest",
    };
}

export function appNamespace(spec: WorkloadSpec): INamespace {
    return {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: spec.namespace, labels: { "app.kubernetes.io/part-of": PART_OF, ...podSecurityLabels() } },
    };
}

/** On AKS landing-zone.ts adds the workload identity client-id annotation (an Output). */
export function appServiceAccount(spec: WorkloadSpec): IServiceAccount {
    return {
        apiVersion: "v1",
        kind: "ServiceAccount",
        metadata: { name: APP_SERVICE_ACCOUNT, namespace: spec.namespace, labels: commonLabels(spec) },
        // Nothing in the namespace talks to the Kubernetes API; pods must opt in explicitly.
        automountServiceAccountToken: false,
    };
}

export function appResourceQuota(spec: WorkloadSpec): IResourceQuota {
    return {
        apiVersion: "v1",
        kind: "ResourceQuota",
        metadata: { name: QUOTA_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: { hard: quotaHard(spec.sizing) },
    };
}

export function appLimitRange(spec: WorkloadSpec): ILimitRange {
    return {
        apiVersion: "v1",
        kind: "LimitRange",
        metadata: { name: LIMIT_RANGE_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: { limits: [limitRangeDefaults(spec.sizing)] },
    };
}
