// delivery: direct — each plain workload object becomes a typed Pulumi resource named `${name}-<kind>-<name>`.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { WorkloadObject } from "./workload";

function workloadResourceName(name: string, object: WorkloadObject): string {
    return `${name}-${object.kind.toLowerCase()}-${object.metadata?.name ?? "unnamed"}`;
}

export function createWorkloadResource(name: string, object: WorkloadObject, opts: pulumi.CustomResourceOptions): pulumi.CustomResource {
    const resourceName = workloadResourceName(name, object);
    switch (object.kind) {
        case "ConfigMap":
            return new k8s.core.v1.ConfigMap(resourceName, object, opts);
        case "Deployment":
            return new k8s.apps.v1.Deployment(resourceName, object as k8s.apps.v1.DeploymentArgs, opts);
        case "Service":
            return new k8s.core.v1.Service(resourceName, object, opts);
        case "HorizontalPodAutoscaler":
            return new k8s.autoscaling.v2.HorizontalPodAutoscaler(resourceName, object as k8s.autoscaling.v2.HorizontalPodAutoscalerArgs, opts);
        case "PodDisruptionBudget":
            return new k8s.policy.v1.PodDisruptionBudget(resourceName, object, opts);
        case "ServiceMonitor":
        case "Probe":
        case "PrometheusRule":
            return new k8s.apiextensions.CustomResource(resourceName, { ...object }, opts);
    }
}
