// Argo CD from the argo-cd chart: non-HA or HA per stack, a generated admin password of which only the
// bcrypt hash reaches the cluster, metrics Services scraped through ServiceMonitors Pulumi creates.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { ArgoCdConfig } from "../../stacks";
import { ARGOCD_METRICS_COMPONENTS, ARGOCD_METRICS_LABEL, ARGOCD_METRICS_PORT, argocdAdminSecret, argocdValues, type ArgoCdMetricsComponent } from "./argocd-values";
import { CHARTS, platformRelease } from "./charts";
import { platformNamespace } from "./namespace";
import { PLATFORM_NAMESPACES } from "./outputs";

/** Default of `ArgoCdArgs.adminPasswordRotatedAt`. */
const ARGOCD_ADMIN_PASSWORD_ROTATED_AT = "2025-01-01T00:00:00Z";

export interface ArgoCdArgs {
    config: ArgoCdConfig;
    /** Cluster readiness (e.g. the AKS user pool); the namespace and release wait for it. */
    clusterReady: pulumi.Resource[];
    /**
     * Whatever installs the Prometheus Operator CRDs (the kube-prometheus-stack release). The Argo CD
     * ServiceMonitors wait for it; the Argo CD release does not. Default: no ServiceMonitors are created.
     */
    prometheusCrds?: pulumi.Resource;
    /**
     * When the admin password was last rotated (RFC 3339). Changing it generates a new password and moves
     * `admin.passwordMtime`, which ends every session opened before. Default: ARGOCD_ADMIN_PASSWORD_ROTATED_AT.
     */
    adminPasswordRotatedAt?: string;
    /** Seconds Helm waits for Argo CD to become ready. Default: 600. */
    timeoutSec?: number;
}

/** ServiceMonitor for one Argo CD component's metrics Service (selected by the label the chart sets from our values). */
export function argocdServiceMonitor(component: ArgoCdMetricsComponent, namespace: string): IServiceMonitor & { metadata: { name: string; namespace: string } } {
    const service = ARGOCD_METRICS_COMPONENTS[component];
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: `argocd-${service}`, namespace, labels: { "app.kubernetes.io/part-of": "argocd" } },
        spec: {
            selector: { matchLabels: { [ARGOCD_METRICS_LABEL]: service } },
            namespaceSelector: { matchNames: [namespace] },
            endpoints: [{ port: ARGOCD_METRICS_PORT, interval: "30s" }],
        },
    };
}

/**
 * Denies all ingress to pods in the namespace; the chart's per-component policies (and redis-ha's) then
 * admit exactly the flows Argo CD needs, and metrics from any namespace. Egress stays open: Argo CD must
 * reach Git hosts, Helm repositories and the API server, which a static policy cannot name.
 */
export function defaultDenyIngress(namespace: string): INetworkPolicy & { metadata: { name: string; namespace: string }; spec: { podSelector: object; policyTypes: string[] } } {
    return {
        apiVersion: "networking.k8s.io/v1",
        kind: "NetworkPolicy",
        metadata: { name: "default-deny-ingress", namespace, labels: { "app.kubernetes.io/part-of": "platform" } },
        spec: { podSelector: {}, policyTypes: ["Ingress"] },
    };
}

export class ArgoCd extends pulumi.ComponentResource {
    readonly namespace: string = PLATFORM_NAMESPACES.argocd;
    readonly release: k8s.helm.v3.Release;
    /** Generated admin password (secret). */
    readonly adminPassword: pulumi.Output<string>;

    constructor(name: string, args: ArgoCdArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:platform:ArgoCd", name, {}, opts);
        const rotatedAt = args.adminPasswordRotatedAt ?? ARGOCD_ADMIN_PASSWORD_ROTATED_AT;
        const timeoutSec = args.timeoutSec ?? 600;

        // Every pod of the chart (and of redis-ha) runs non-root, drops ALL capabilities, uses RuntimeDefault
        // seccomp and no host namespaces, so the namespace can enforce `restricted`.
        const namespace = platformNamespace(`${name}-namespace`, { namespace: this.namespace, level: "restricted" }, { parent: this, dependsOn: args.clusterReady });

        const deny = defaultDenyIngress(this.namespace);
        new k8s.networking.v1.NetworkPolicy(`${name}-default-deny-ingress`, { metadata: deny.metadata, spec: deny.spec }, { parent: this, dependsOn: [namespace] });

        // Keepers: a new rotation date replaces the password, and the mtime below moves with it.
        const password = new random.RandomPassword(`${name}-admin-password`, { length: 32, special: false, keepers: { rotatedAt } }, { parent: this });
        this.adminPassword = pulumi.secret(password.result);
        // The admin login lives in a Secret of its own, not in the chart values: the values stay plain and
        // reviewable (synth, pulumi preview), and only the hash is masked.
        const adminSecret = new k8s.core.v1.Secret(
            `${name}-secret`,
            argocdAdminSecret(this.namespace, pulumi.secret(password.bcryptHash), rotatedAt),
            { parent: this, dependsOn: [namespace] },
        );

        this.release = platformRelease(
            `${name}-release`,
            {
                pin: CHARTS.argocd,
                releaseName: "argocd",
                namespace: this.namespace,
                values: argocdValues(args.config),
                timeoutSec,
                // Argo CD has no install hooks that run long; a failed install is rolled back cleanly.
                atomic: true,
            },
            // The Secret first: argocd-server reads its admin login at start.
            { parent: this, dependsOn: [namespace, adminSecret, ...args.clusterReady] },
        );

        if (args.prometheusCrds !== undefined) {
            for (const component of Object.keys(ARGOCD_METRICS_COMPONENTS) as ArgoCdMetricsComponent[]) {
                const monitor = argocdServiceMonitor(component, this.namespace);
                new k8s.apiextensions.CustomResource(
                    `${name}-${ARGOCD_METRICS_COMPONENTS[component]}-monitor`,
                    { apiVersion: monitor.apiVersion, kind: monitor.kind, metadata: monitor.metadata, spec: monitor.spec },
                    { parent: this, dependsOn: [namespace, args.prometheusCrds] },
                );
            }
        }

        this.registerOutputs({ namespace: this.namespace, adminPassword: this.adminPassword });
    }
}
