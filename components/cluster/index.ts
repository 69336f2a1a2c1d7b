import type * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig } from "../../stacks";
import { AksCluster } from "./aks";
import type { ClusterHandle } from "./handle";
import { KindCluster } from "./kind";

export type { ClusterHandle } from "./handle";

/** Builds the cluster the stack asks for; both kinds return the same handle. */
export function createCluster(name: string, config: ClusterConfig, stackName: string, opts: pulumi.ComponentResourceOptions = {}): ClusterHandle {
    return config.kind === "kind" ? new KindCluster(name, { config, stackName }, opts).handle : new AksCluster(name, { config, stackName }, opts).handle;
}

export { WORKLOAD_NODE_LABEL, type AzureClusterFacts } from "./handle";
/** @internal */
export { AKS_RBAC_CLUSTER_ADMIN_ROLE } from "./aks";
/** @internal */
export { CRITICAL_ADDONS_TAINT, maintenanceWindow, networkProfile } from "./aks-spec";
/** @internal */
export { AKS_ENTRA_SERVER_APP_ID, bearerTokenKubeconfig, clusterEndpoint } from "./kubeconfig";
/** @internal */
export { kindConfigYaml, kindClusterName } from "./kind";
