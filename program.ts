// The whole platform for one stack: config → cluster → platform add-ons → app → outputs.
import * as pulumi from "@pulumi/pulumi";
import { AppComponent } from "./components/app";
import { createCluster } from "./components/cluster";
import { Platform } from "./components/platform";
import { loadStackConfig } from "./stacks";

export function platformProgram(): Promise<Record<string, unknown>> {
    const config = loadStackConfig();
    const cluster = createCluster("cluster", { config: config.cluster, stackName: config.stackName });
    const platform = new Platform("platform", { config, cluster }, { provider: cluster.provider });
    const app = new AppComponent("app", { config, cluster, platform }, { provider: cluster.provider });
    return Promise.resolve({
        environment: config.environment,
        clusterKind: cluster.kind,
        clusterName: cluster.name,
        kubeconfig: pulumi.secret(cluster.kubeconfig),
        ...(cluster.azure ? { oidcIssuerUrl: cluster.azure.oidcIssuerUrl, resourceGroupName: cluster.azure.resourceGroupName } : {}),
        argocdAdminPassword: platform.argocd.adminPassword,
        grafanaAdminPassword: platform.monitoring.grafanaAdminPassword,
        ...(platform.secretsStore ? { keyVaultName: platform.secretsStore.keyVaultName, appIdentityClientId: platform.secretsStore.appIdentityClientId } : {}),
        appNamespace: app.namespace,
        appService: app.serviceName,
        appDelivery: config.app.delivery,
        ...(app.argoApplication ? { argoApplication: app.argoApplication } : {}),
    });
}
