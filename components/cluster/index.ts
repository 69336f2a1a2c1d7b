import type * as pulumi from "@pulumi/pulumi";
import type { ClusterConfig } from "../../stacks/schema";
import { AksCluster } from "./aks";
import type { ClusterHandle } from "./handle";
import { KindCluster } from "./kind";

export type { ClusterHandle } from "./handle";

/** Builds the cluster the stack asks for; both kinds return the same handle. */
export function createCluster(name: string, config: ClusterConfig, stackName: string, opts: pulumi.ComponentResourceOptions = {}): ClusterHandle {
    return config.kind === "kind" ? new KindCluster(name, { config, stackName }, opts).handle : new AksCluster(name, { config, stackName }, opts).handle;
}
