import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { APP_NAME } from "../names";
import { checkDisruptionBudget, disruptionBudget, MEASURED_FOOTPRINT, SIGNAL_HEADROOM } from "../sizing";
import { commonLabels, selectorLabels, type Sizing, type WorkloadSpec } from "../spec";

export const CPU_TARGET_PERCENT = 70;
/**
 * V8 rarely hands heap back to the OS, so memory-driven scale-ups tend to stick; the memory target is a safety
 * valve against steady heap growth, set high (the limit is 2x the request, so 80% of the request is 40% of it).
 */
export const MEMORY_TARGET_PERCENT = 80;

/** Which resource signals mean something at this sizing, and why; the HPA uses exactly the `true` ones. */
export function autoscalerSignals(sizing: Sizing): { cpu: boolean; memory: boolean } {
    const cpuTarget = (sizing.cpuRequestMillicores * CPU_TARGET_PERCENT) / 100;
    if (cpuTarget < MEASURED_FOOTPRINT.idleCpuMillicores * SIGNAL_HEADROOM) {
        throw new Error(
            `app.cpuRequestMillicores = ${sizing.cpuRequestMillicores}: the HPA's ${CPU_TARGET_PERCENT}% CPU target (${cpuTarget}m) is not above an idle pod's measured ${MEASURED_FOOTPRINT.idleCpuMillicores}m (x${SIGNAL_HEADROOM}), so the autoscaler would never scale down; request at least ${Math.ceil((MEASURED_FOOTPRINT.idleCpuMillicores * SIGNAL_HEADROOM * 100) / CPU_TARGET_PERCENT)}m`,
        );
    }
    // Below the steady state the memory target is always exceeded and would pin the HPA at maxReplicas (dev's
    // 64Mi request: 80% is 51Mi against up to 81Mi resident). There CPU alone drives scaling; the memory limit and the
    // restart alert still catch a leak.
    const memoryTargetMiB = (sizing.memoryRequestMiB * MEMORY_TARGET_PERCENT) / 100;
    return { cpu: true, memory: memoryTargetMiB >= MEASURED_FOOTPRINT.steadyStateRssMiB * SIGNAL_HEADROOM };
}

export function appAutoscaler(spec: WorkloadSpec): IHorizontalPodAutoscaler {
    const { minReplicas, maxReplicas } = spec.sizing;
    const signals = autoscalerSignals(spec.sizing);
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
            metrics: [utilization("cpu", CPU_TARGET_PERCENT), ...(signals.memory ? [utilization("memory", MEMORY_TARGET_PERCENT)] : [])],
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
    const budget = disruptionBudget();
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
