import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { APP_NAME } from "../names";
import { checkDisruptionBudget, disruptionBudgetFor } from "../sizing";
import { commonLabels, selectorLabels, type WorkloadSpec } from "../spec";

export const CPU_TARGET_PERCENT = 70;
/**
 * V8 rarely hands heap back to the OS, so memory-driven scale-ups tend to stick; the memory target is a safety
 * valve against steady heap growth, set high (the limit is 2x the request, so 80% of the request is 40% of it).
 */
export const MEMORY_TARGET_PERCENT = 80;

export function appAutoscaler(spec: WorkloadSpec): IHorizontalPodAutoscaler {
    const { minReplicas, maxReplicas } = spec.sizing;
    const utilization = (name: string, averageUtilization: number) => ({
        type: "Resource",
        resource: { name, target: { type: "Utilization", averageUtilization } },
    });
    return {
        apiVersion: "autoscaling/v2",
        kind: "HorizontalPodAutoscaler",
        metadata: { name: APP_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: {
            scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: APP_NAME },
            minReplicas,
            maxReplicas,
            metrics: [utilization("cpu", CPU_TARGET_PERCENT), utilization("memory", MEMORY_TARGET_PERCENT)],
            behavior: {
                // React to load at once: double, or add 2 pods, every 15 s, whichever is more.
                scaleUp: {
                    stabilizationWindowSeconds: 0,
                    selectPolicy: "Max",
                    policies: [
                        { type: "Percent", value: 100, periodSeconds: 15 },
                        { type: "Pods", value: 2, periodSeconds: 15 },
                    ],
                },
                // Shed capacity slowly: the 5-minute window ignores dips, then at most a quarter of the pods (at least one) per minute.
                scaleDown: {
                    stabilizationWindowSeconds: 300,
                    selectPolicy: "Max",
                    policies: [
                        { type: "Percent", value: 25, periodSeconds: 60 },
                        { type: "Pods", value: 1, periodSeconds: 60 },
                    ],
                },
            },
        },
    };
}

export function appDisruptionBudget(spec: WorkloadSpec): IPodDisruptionBudget {
    const budget = disruptionBudgetFor(spec.sizing.minReplicas);
    checkDisruptionBudget(budget, spec.sizing.minReplicas);
    return {
        apiVersion: "policy/v1",
        kind: "PodDisruptionBudget",
        metadata: { name: APP_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: {
            ...budget,
            selector: { matchLabels: selectorLabels(spec) },
            // A crash-looping pod is not serving anyway; letting it go keeps node drains from hanging on it.
            unhealthyPodEvictionPolicy: "AlwaysAllow",
        },
    };
}
