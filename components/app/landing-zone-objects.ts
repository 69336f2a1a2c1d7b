// Pure builders of the landing-zone objects that hold no cloud outputs: the namespace with its Pod Security
// labels, the ServiceAccount, the ResourceQuota and the LimitRange. Outputs (workload identity client id, the
// greeting) are added by landing-zone.ts.
import type { ILimitRange } from "kubernetes-models/v1/LimitRange";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import type { IResourceQuota } from "kubernetes-models/v1/ResourceQuota";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { podSecurityLabels } from "../pod-security";
import { APP_SERVICE_ACCOUNT, PART_OF } from "./names";
import { limitRangeDefaults, quotaHard } from "./sizing";
import { commonLabels, type WorkloadSpec } from "./spec";

const QUOTA_NAME = "workload-quota";
const LIMIT_RANGE_NAME = "workload-defaults";
export const WORKLOAD_IDENTITY_CLIENT_ID = "azure.workload.identity/client-id";

export function appNamespace(spec: WorkloadSpec): INamespace {
    return {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: spec.namespace, labels: { "app.kubernetes.io/part-of": PART_OF, ...podSecurityLabels("restricted") } },
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
