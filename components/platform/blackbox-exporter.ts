// The blackbox exporter: the client-side probe of services (the app's Probe object points at it). The
// kube-prometheus-stack chart does not ship one, so it is the prometheus-community chart of its own, in the
// monitoring namespace, with the chart's default `http_2xx` module (HTTP/1.1 or 2, any 2xx, 5 s timeout).
import type * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { CHARTS, platformRelease } from "./charts";
import { PLATFORM_NAMESPACES } from "./outputs";
import { containerResources, type ContainerResources } from "../resources";
import { isReplicated } from "./values-common";

const RELEASE_NAME = "prometheus-blackbox-exporter";

/**
 * Where a Probe finds the exporter: the chart names its Service after the release (the release name contains
 * the chart name) and serves on port 9115 (chart default `service.port`).
 */
export const BLACKBOX_EXPORTER = {
    address: `${RELEASE_NAME}.${PLATFORM_NAMESPACES.monitoring}.svc:9115`,
    httpModule: "http_2xx",
} as const;

/** The subset of the chart's values we set (prometheus-blackbox-exporter 11.x values.yaml). */
export interface BlackboxExporterValues {
    replicas: number;
    resources: ContainerResources;
    podDisruptionBudget: { minAvailable?: number };
}

/** Replicated like Prometheus: a probe that dies with one node would page for the node, not the service. */
export function blackboxExporterValues(replicas: number): BlackboxExporterValues {
    return { replicas, resources: containerResources(10, 32, 64), podDisruptionBudget: isReplicated(replicas) ? { minAvailable: 1 } : {} };
}

export function blackboxExporterRelease(name: string, replicas: number, opts: pulumi.CustomResourceOptions): k8s.helm.v3.Release {
    return platformRelease(
        name,
        { pin: CHARTS.blackboxExporter, releaseName: RELEASE_NAME, namespace: PLATFORM_NAMESPACES.monitoring, values: blackboxExporterValues(replicas), timeoutSec: 300, atomic: true },
        opts,
    );
}
