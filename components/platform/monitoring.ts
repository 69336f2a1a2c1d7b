// kube-prometheus-stack: Prometheus (selecting monitors and rules from every namespace), Alertmanager with
// the stack's receiver, Grafana with generated admin credentials, node-exporter and kube-state-metrics.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { DESTINATION_SECRETS, type ClusterConfig, type MonitoringConfig } from "../../stacks";
import { ALERT_RECEIVER_SECRET, destinationsUsed, type Destination } from "./alertmanager-config";
import { blackboxExporterRelease } from "./blackbox-exporter";
import { CHARTS, platformRelease } from "./charts";
import { GRAFANA_ADMIN_SECRET, monitoringValues } from "./monitoring-values";
import { platformNamespace } from "./namespace";
import { PLATFORM_NAMESPACES } from "./outputs";
import { platformSecret } from "./secret";

export interface MonitoringArgs {
    config: MonitoringConfig;
    cluster: ClusterConfig;
    /** Stack name; every alert carries it as the `stack` label. */
    stackName: string;
    /** Cluster readiness (e.g. the AKS user pool); the namespace and release wait for it. */
    clusterReady: pulumi.Resource[];
    /**
     * Secret destination of each receiver the config uses: `ticket` (webhook or Slack URL) unless
     * `config.ticketReceiver` is none, `page` (routing key, API key or URL) unless `config.pageReceiver` is none,
     * `heartbeat` (URL) unless `config.heartbeatReceiver` is none.
     */
    destinations?: Partial<Record<Destination, pulumi.Output<string>>>;
    /** Seconds Helm waits for the stack to become ready. Default: 900 (CRDs, webhook cert jobs, image pulls). */
    timeoutSec?: number;
}

export class Monitoring extends pulumi.ComponentResource {
    readonly namespace: string = PLATFORM_NAMESPACES.monitoring;
    /** Installs the Prometheus Operator CRDs (ServiceMonitor, PodMonitor, PrometheusRule...). */
    readonly release: k8s.helm.v3.Release;
    readonly grafanaAdminPassword: pulumi.Output<string>;

    constructor(name: string, args: MonitoringArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:platform:Monitoring", name, {}, opts);
        const { config } = args;
        const timeoutSec = args.timeoutSec ?? 900;

        // node-exporter needs hostNetwork, hostPID and hostPath mounts: only `privileged` admits it.
        const namespace = platformNamespace(`${name}-namespace`, { namespace: this.namespace, level: "privileged" }, { parent: this, dependsOn: args.clusterReady });
        const inNamespace = { parent: this, dependsOn: [namespace] };

        const password = new random.RandomPassword(`${name}-grafana-admin-password`, { length: 32, special: false }, { parent: this });
        this.grafanaAdminPassword = pulumi.secret(password.result);
        const grafanaAdmin = new k8s.core.v1.Secret(
            `${name}-grafana-admin`,
            platformSecret(GRAFANA_ADMIN_SECRET.name, this.namespace, {
                [GRAFANA_ADMIN_SECRET.userKey]: "admin",
                [GRAFANA_ADMIN_SECRET.passwordKey]: this.grafanaAdminPassword,
            }),
            inNamespace,
        );

        const secrets: pulumi.Resource[] = [grafanaAdmin];
        const used = destinationsUsed(config);
        if (used.length > 0) {
            const data: Record<string, pulumi.Output<string>> = {};
            for (const destination of used) {
                const value = args.destinations?.[destination];
                if (value === undefined) throw new Error(`${DESTINATION_SECRETS[destination]} = (missing): required by monitoring.${destination}Receiver "${config[`${destination}Receiver`]}"`);
                data[ALERT_RECEIVER_SECRET.keys[destination]] = pulumi.secret(value);
            }
            // Mounted into Alertmanager and read through the *_file fields: URLs and keys are credentials.
            secrets.push(new k8s.core.v1.Secret(`${name}-alert-receiver`, platformSecret(ALERT_RECEIVER_SECRET.name, this.namespace, data), inNamespace));
        }

        this.release = platformRelease(
            `${name}-release`,
            {
                pin: CHARTS.kubePrometheusStack,
                releaseName: "kube-prometheus-stack",
                namespace: this.namespace,
                values: monitoringValues(config, args.cluster, args.stackName),
                timeoutSec,
                // Not atomic: the first install runs admission-webhook certificate hook jobs and pulls many images;
                // a timeout would uninstall everything (CRDs stay) and make the retry start from zero.
                atomic: false,
            },
            // Secrets first: Grafana and Alertmanager pods reference them at start.
            { parent: this, dependsOn: [namespace, ...secrets, ...args.clusterReady] },
        );

        // Independent of the stack's release: the Probe objects that use it only need the CRDs (the app waits for them).
        blackboxExporterRelease(`${name}-blackbox-exporter`, config.prometheusReplicas, { parent: this, dependsOn: [namespace, ...args.clusterReady] });

        this.registerOutputs({ namespace: this.namespace, grafanaAdminPassword: this.grafanaAdminPassword });
    }
}
