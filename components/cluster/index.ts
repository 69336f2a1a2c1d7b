import type * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig } from "../../stacks";
import { AksCluster } from "./aks";
import type { ClusterHandle } from "./handle";
import { KindCluster } from "./kind";

export type { ClusterHandle } from "./handle";

export interface ClusterArgs {
    config: ClusterConfig;
    /** Used for default names (the kind cluster, the AKS resource group and cluster). */
    stackName: string;
}

/** Builds the cluster the stack asks for; either component carries the ClusterHandle fields. */
export function createCluster(name: string, args: ClusterArgs, opts: pulumi.ComponentResourceOptions = {}): ClusterHandle {
    const { config, stackName } = args;
    return config.kind === "kind" ? new KindCluster(name, { config, stackName }, opts) : new AksCluster(name, { config, stackName }, opts);
}

export { WORKLOAD_NODE_LABEL, type AzureClusterFacts } from "./handle";
/** @internal */
export { AKS_RBAC_CLUSTER_ADMIN_ROLE } from "./aks";
/** @internal */
export { CRITICAL_ADDONS_TAINT, maintenanceWindow, networkProfile } from "./aks-spec";
/** @internal */
export { clusterEndpoint, execKubeconfig } from "./kubeconfig";
/** @internal */
export { kindConfigYaml, kindClusterName } from "./kind";
