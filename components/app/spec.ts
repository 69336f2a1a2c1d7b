// The plain data every workload builder works from. Derived from the stack config in one pure function so the
// Pulumi component (delivery: direct) and the manifest renderer (delivery: gitops) build identical objects.
import { runbookUrl, type AppConfig, type MonitoringConfig } from "../../stacks";
import { APP_NAME, PART_OF } from "./names";

export interface Sizing {
    minReplicas: number;
    maxReplicas: number;
    cpuRequestMillicores: number;
    memoryRequestMiB: number;
    memoryLimitMiB: number;
}

export interface WorkloadSpec {
    stackName: string;
    namespace: string;
    /** Image reference with an explicit tag or digest. */
    image: string;
    sizing: Sizing;
    readinessDelaySec: number;
    failRate: number;
    slo: {
        /** Availability target over 30 days, e.g. 0.999. */
        target: number;
        latencyP99TargetMs: number;
    };
    /** Links put into every alert: a person opens them from a notification. */
    links: {
        /** Grafana's external address; the dashboard link is built from it. */
        grafana: string;
        /** The runbook file at the stack's repository and revision; each alert links its own section. */
        runbook: string;
    };
    cluster: {
        /** Mount the Secrets Store CSI volume (AKS): the mount is what makes the driver sync GREETING_SECRET. */
        useCsiVolume: boolean;
        /** Label pods for Azure workload identity (AKS). */
        workloadIdentity: boolean;
    };
}

/** The part of StackConfig the workload depends on (StackConfig and the plain config both fit). */
export interface WorkloadSource {
    stackName: string;
    app: AppConfig;
    monitoring: Pick<MonitoringConfig, "externalUrls">;
}

export interface WorkloadSpecOptions {
    /** Image to run instead of `app.image`; required when `app.buildLocally` is true (see local-image.ts). */
    image?: string;
}

export function workloadSpecFor(config: WorkloadSource, cluster: { kind: "kind" | "aks" }, options: WorkloadSpecOptions = {}): WorkloadSpec {
    const { app } = config;
    if (app.buildLocally && options.image === undefined) {
        throw new Error(
            `app.buildLocally is true for stack "${config.stackName}" but no image was given: pass the locally built tag ` +
                "(localImageTag(appSourceHash(...)) from components/app/local-image.ts) as options.image",
        );
    }
    const onAks = cluster.kind === "aks";
    return {
        stackName: config.stackName,
        namespace: app.namespace,
        image: options.image ?? app.image,
        sizing: {
            minReplicas: app.minReplicas,
            maxReplicas: app.maxReplicas,
            cpuRequestMillicores: app.cpuRequestMillicores,
            memoryRequestMiB: app.memoryRequestMiB,
            memoryLimitMiB: app.memoryLimitMiB,
        },
        readinessDelaySec: app.readinessDelaySec,
        failRate: app.failRate,
        slo: { target: app.sloTarget, latencyP99TargetMs: app.latencyP99TargetMs },
        links: { grafana: config.monitoring.externalUrls.grafana, runbook: runbookUrl(app) },
        cluster: { useCsiVolume: onAks, workloadIdentity: onAks },
    };
}

/** Immutable selector labels of the Deployment, Service, PDB and ServiceMonitor: never add to these. */
export function selectorLabels(spec: Pick<WorkloadSpec, "stackName">): Record<string, string> {
    return { "app.kubernetes.io/name": APP_NAME, "app.kubernetes.io/instance": `${APP_NAME}-${spec.stackName}` };
}

/** Labels on every object (and pod) of the app. */
export function commonLabels(spec: Pick<WorkloadSpec, "stackName">): Record<string, string> {
    return { ...selectorLabels(spec), "app.kubernetes.io/part-of": PART_OF };
}
