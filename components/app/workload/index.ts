// The workload: pure builders from a WorkloadSpec to plain, typed Kubernetes objects (no Pulumi Outputs), so
// the same objects can be created by Pulumi (delivery: direct) or written as YAML for Argo CD (delivery: gitops).
import type { IProbe } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe";
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IService } from "kubernetes-models/v1/Service";
import type { WorkloadSpec } from "../spec";
import { appAutoscaler, appDisruptionBudget } from "./autoscaling";
import { appConfigMap } from "./config";
import { appDeployment } from "./deployment";
import { appDashboard, appProbe, appPrometheusRule, appServiceMonitor } from "./monitoring";
import { appService } from "./service";

export type WorkloadObject = IConfigMap | IDeployment | IService | IHorizontalPodAutoscaler | IPodDisruptionBudget | IServiceMonitor | IProbe | IPrometheusRule;
/** Kinds served by a CRD (Prometheus Operator): they must wait for the release that installs it. */
export const CUSTOM_RESOURCE_KINDS: ReadonlySet<string> = new Set(["ServiceMonitor", "Probe", "PrometheusRule"]);

/** Every workload object of the app, in apply order. */
export function buildWorkload(spec: WorkloadSpec): WorkloadObject[] {
    const configMap = appConfigMap(spec);
    return [
        configMap,
        appDeployment(spec, configMap),
        appService(spec),
        appAutoscaler(spec),
        appDisruptionBudget(spec),
        appServiceMonitor(spec),
        appProbe(spec),
        appPrometheusRule(spec),
        appDashboard(spec),
    ];
}
