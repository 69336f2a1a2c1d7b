// kind ships no metrics-server, and without it the app's HorizontalPodAutoscaler has no CPU or memory
// readings and never scales. AKS runs its own metrics-server, so only kind clusters get this release.
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { CHARTS, platformRelease } from "./charts";
import { containerResources, type ContainerResources } from "../resources";

/** The subset of the metrics-server chart's values we set (chart 3.13.x values.yaml). */
interface MetricsServerValues {
    /** Appended to the chart's defaultArgs. */
    args: string[];
    replicas: number;
    resources: ContainerResources;
}

function metricsServerValues(): MetricsServerValues {
    return {
        // kind's kubelets serve self-signed certificates that metrics-server cannot verify.
        args: ["--kubelet-insecure-tls"],
        replicas: 1,
        resources: containerResources(50, 64, 128),
    };
}

export interface MetricsServerArgs {
    /** Cluster readiness (the kind create command); the release waits for it. */
    clusterReady: pulumi.Resource[];
}

export class MetricsServer extends pulumi.ComponentResource {
    readonly release: k8s.helm.v3.Release;

    constructor(name: string, args: MetricsServerArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:platform:MetricsServer", name, {}, opts);
        this.release = platformRelease(
            `${name}-release`,
            { pin: CHARTS.metricsServer, releaseName: "metrics-server", namespace: "kube-system", values: metricsServerValues(), timeoutSec: 300, atomic: true },
            { parent: this, dependsOn: args.clusterReady },
        );
        this.registerOutputs({});
    }
}
