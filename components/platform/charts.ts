// Chart pins and the one way every platform add-on is installed. Versions are exact: a chart version
// bump is a reviewed change, never something a repository index decides on the next `pulumi up`.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

export interface ChartPin {
    chart: string;
    /** Exact chart version; why it was chosen is in components/platform/README.md. */
    version: string;
    repo: string;
}

export const CHARTS = {
    // Newest 10.x release (Argo CD v3.4.4). 10.0 turned the chart's NetworkPolicies on by default.
    argocd: { chart: "argo-cd", version: "10.1.1", repo: "https://argoproj.github.io/argo-helm" },
    // Newest 88.x release (Prometheus Operator v0.93.1, Alertmanager v0.34.0, Grafana chart 12.11.1).
    kubePrometheusStack: { chart: "kube-prometheus-stack", version: "88.5.3", repo: "https://prometheus-community.github.io/helm-charts" },
    // Newest 1.8.x release; bundles secrets-store-csi-driver chart 1.5.6.
    secretsStoreProviderAzure: {
        chart: "csi-secrets-store-provider-azure",
        version: "1.8.2",
        repo: "https://azure.github.io/secrets-store-csi-driver-provider-azure/charts",
    },
    // The client-side probe of the app's Service (kube-prometheus-stack ships no blackbox exporter): newest
    // 11.x release (blackbox_exporter v0.28.x).
    blackboxExporter: { chart: "prometheus-blackbox-exporter", version: "11.21.1", repo: "https://prometheus-community.github.io/helm-charts" },
    // kind only (AKS runs its own): newest 3.13.x release (metrics-server v0.8.x), 2026-06-11.
    metricsServer: { chart: "metrics-server", version: "3.13.1", repo: "https://kubernetes-sigs.github.io/metrics-server/" },
} as const satisfies Record<string, ChartPin>;

/** Helm release history kept in the cluster; enough to roll back, small enough to keep etcd lean. */
const MAX_HISTORY = 10;

export interface PlatformReleaseArgs {
    pin: ChartPin;
    /** Helm release name; fixed so chart-generated object names are predictable. */
    releaseName: string;
    namespace: string;
    values: pulumi.Input<object>;
    /** Seconds Helm waits for the release to become ready. */
    timeoutSec: number;
    /** Roll back (uninstall on first install) when the release does not become ready in time. */
    atomic: boolean;
}

/** A Helm release of a platform add-on into a namespace Pulumi created (never `createNamespace`). */
export function platformRelease(name: string, args: PlatformReleaseArgs, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    return new k8s.helm.v3.Release(
        name,
        {
            name: args.releaseName,
            chart: args.pin.chart,
            version: args.pin.version,
            repositoryOpts: { repo: args.pin.repo },
            namespace: args.namespace,
            createNamespace: false,
            // The typed interfaces (*-values.ts) are the check; the provider only wants a string-keyed map.
            values: args.values as pulumi.Input<Record<string, pulumi.Input<unknown>>>,
            timeout: args.timeoutSec,
            atomic: args.atomic,
            // Removes objects a failed upgrade created, so the next attempt starts clean.
            cleanupOnFail: true,
            maxHistory: MAX_HISTORY,
        },
        opts,
    );
}
