import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** What every later component needs from a cluster, whichever kind built it. */
export interface ClusterHandle {
    kind: "kind" | "aks";
    /** Kubernetes provider bound to this cluster; pass it as `{ provider }` in resource options. */
    provider: k8s.Provider;
    /** Admin or user kubeconfig; always a secret. */
    kubeconfig: pulumi.Output<string>;
    /** Cluster name as the platform knows it (kind cluster name or AKS resource name). */
    name: pulumi.Output<string>;
    /** Resources that must exist before anything is deployed onto the cluster (e.g. the user node pool). */
    readyDependencies: pulumi.Resource[];
    /** AKS only: identity facts later components need (workload identity, Key Vault). */
    azure?: AzureClusterFacts;
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
