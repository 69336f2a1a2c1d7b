// The whole platform for one stack: config → cluster → platform add-ons → app → outputs.
import * as pulumi from "@pulumi/pulumi";
import { createCluster } from "./components/cluster";
import { loadStackConfig } from "./stacks";

export function platformProgram(): Promise<Record<string, unknown>> {
    const config = loadStackConfig();
    const cluster = createCluster("cluster", config.cluster, config.stackName);
    return Promise.resolve({
        environment: config.environment,
        clusterKind: cluster.kind,
        clusterName: cluster.name,
        kubeconfig: pulumi.secret(cluster.kubeconfig),
        ...(cluster.azure ? { oidcIssuerUrl: cluster.azure.oidcIssuerUrl, resourceGroupName: cluster.azure.resourceGroupName } : {}),
    });
}
