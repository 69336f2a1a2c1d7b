import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** What every later component needs from a cluster, whichever kind built it: the fields of either cluster component. */
export interface ClusterHandle {
    readonly kind: "kind" | "aks";
    /** Kubernetes provider bound to this cluster; pass it as `{ provider }` in resource options. */
    readonly provider: k8s.Provider;
    /** Admin or user kubeconfig; always a secret. */
    readonly kubeconfig: pulumi.Output<string>;
    /** Cluster name as the platform knows it (kind cluster name or AKS resource name). */
    readonly name: pulumi.Output<string>;
    /** Resources that must exist before anything is deployed onto the cluster (e.g. the user node pool). */
    readonly readyDependencies: pulumi.Resource[];
    /** AKS only: identity facts later components need (workload identity, Key Vault). */
    readonly azure?: AzureClusterFacts;
}

export interface AzureClusterFacts {
    resourceGroupName: pulumi.Output<string>;
    location: string;
    /** OIDC issuer URL used as the issuer of workload identity federated credentials. */
    oidcIssuerUrl: pulumi.Output<string>;
    tenantId: pulumi.Output<string>;
}

/** Node label carried by the nodes that run workloads (kind workers, the AKS user pool). */
export const WORKLOAD_NODE_LABEL = { key: "platform/workload", value: "true" } as const;
