// The add-ons every environment gets. The three Helm releases install in parallel, each after the cluster
// and its own namespace only; the Argo CD ServiceMonitors are the one thing that waits for monitoring.
import * as pulumi from "@pulumi/pulumi";
import { DESTINATION_SECRETS, type StackConfig } from "../../stacks";
import { APP_SERVICE_ACCOUNT } from "../app";
import type { ClusterHandle } from "../cluster";
import { ArgoCd } from "./argocd";
import { MetricsServer } from "./metrics-server";
import { Monitoring } from "./monitoring";
import type { PlatformOutputs } from "./outputs";
import { SecretsStore } from "./secrets-store";

export { PLATFORM_NAMESPACES, type PlatformOutputs } from "./outputs";
export { BLACKBOX_EXPORTER } from "./blackbox-exporter";

export interface PlatformArgs {
    config: StackConfig;
    cluster: ClusterHandle;
}

/**
 * Pass the cluster's Kubernetes provider as `{ provider }`: it is keyed by package, so Kubernetes children use
 * it and Azure children (Key Vault, identity) keep the default azure-native provider.
 */
export class Platform extends pulumi.ComponentResource implements PlatformOutputs {
    readonly argocd: PlatformOutputs["argocd"];
    readonly monitoring: PlatformOutputs["monitoring"];
    readonly secretsStore?: PlatformOutputs["secretsStore"];

    constructor(name: string, args: PlatformArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:platform:Platform", name, {}, opts);
        const { config, cluster } = args;
        const clusterReady = cluster.readyDependencies;
        if (cluster.kind === "aks" && cluster.azure === undefined) {
            throw new Error("cluster.azure = (missing): an AKS cluster handle must carry its Azure facts (OIDC issuer, tenant, deployer)");
        }

        const monitoring = new Monitoring(
            `${name}-monitoring`,
            {
                config: config.monitoring,
                cluster: config.cluster,
                stackName: config.stackName,
                clusterReady,
                destinations: { ticket: config.secrets[DESTINATION_SECRETS.ticket], page: config.secrets[DESTINATION_SECRETS.page], heartbeat: config.secrets[DESTINATION_SECRETS.heartbeat] },
            },
            { parent: this },
        );
        // What a kind cluster lacks and AKS provides: the resource metrics the app's autoscaler reads.
        if (cluster.kind === "kind") new MetricsServer(`${name}-metrics-server`, { clusterReady }, { parent: this });
        const argocd = new ArgoCd(`${name}-argocd`, { config: config.argocd, clusterReady, prometheusCrds: monitoring.release }, { parent: this });
        const secretsStore =
            cluster.azure === undefined
                ? undefined
                : new SecretsStore(
                      `${name}-secrets-store`,
                      {
                          config: config.secretsStore,
                          stackName: config.stackName,
                          azure: cluster.azure,
                          clusterReady,
                          greeting: config.secrets.greeting,
                          app: { namespace: config.app.namespace, serviceAccount: APP_SERVICE_ACCOUNT },
                      },
                      { parent: this },
                  );

        this.argocd = { namespace: argocd.namespace, release: argocd.release, adminPassword: argocd.adminPassword };
        this.monitoring = { namespace: monitoring.namespace, release: monitoring.release, grafanaAdminPassword: monitoring.grafanaAdminPassword };
        if (secretsStore) {
            this.secretsStore = {
                release: secretsStore.release,
                keyVaultName: secretsStore.keyVaultName,
                tenantId: secretsStore.tenantId,
                greetingSecretName: secretsStore.greetingSecretName,
                appIdentityClientId: secretsStore.appIdentityClientId,
            };
        }
        this.registerOutputs({
            argocdAdminPassword: argocd.adminPassword,
            grafanaAdminPassword: monitoring.grafanaAdminPassword,
            keyVaultName: secretsStore?.keyVaultName,
            appIdentityClientId: secretsStore?.appIdentityClientId,
        });
    }
}

/** @internal */
export {
    alertmanagerConfig,
    RECEIVERS,
    ROUTE_TIMING,
    type RouteTiming,
    destinationFile,
    type Destination,
    type AlertmanagerConfig,
    type Route,
    PAGE_SEVERITIES,
    TICKET_SEVERITIES,
    WATCHDOG,
} from "./alertmanager-config";
/** @internal */
export { monitoringValues, AKS_STORAGE_CLASS, prometheusStorage } from "./monitoring-values";
/** @internal */
export { NOTIFICATION_TEMPLATE_GLOB, NOTIFICATION_TEMPLATES } from "./alertmanager-templates";
/** @internal */
export { CHARTS } from "./charts";
/** @internal */
export { blackboxExporterValues } from "./blackbox-exporter";
/** @internal */
export { keyVaultName } from "./key-vault";
/** @internal */
export { serviceAccountSubject } from "./app-identity";
/** @internal */
export { argocdServiceMonitor, defaultDenyIngress } from "./argocd";
/** @internal */
export { ARGOCD_METRICS_COMPONENTS, ARGOCD_METRICS_LABEL, ARGOCD_REDIS_CLIENTS, argocdAdminSecret, argocdValues } from "./argocd-values";
/** @internal */
export { namespaceManifest } from "./namespace";
/** @internal */
export { secretsStoreValues } from "./secrets-store-values";
