// Does the HorizontalPodAutoscaler get readings? Reads an autoscaling/v2 HPA's status (kubectl get hpa -o json).
import { conditionOf, describeCondition, type KubeObject, type Problems } from "./types";

interface ResourceMetricStatus {
    type: string;
    resource?: { name: string; current: { averageUtilization?: number; averageValue?: string } };
}

/** Each named resource metric has a current reading, and the HPA says it can compute a scale (ScalingActive). */
export function checkAutoscalerMetrics(hpa: KubeObject, resources: readonly string[]): Problems {
    const where = `HorizontalPodAutoscaler ${hpa.metadata.namespace ?? ""}/${hpa.metadata.name}`;
    const current = (hpa.status?.["currentMetrics"] ?? []) as ResourceMetricStatus[];
    const problems: Problems = resources
        .filter((name) => {
            const reading = current.find((m) => m.type === "Resource" && m.resource?.name === name)?.resource?.current;
            return reading === undefined || (reading.averageUtilization === undefined && reading.averageValue === undefined);
        })
        .map((name) => `${where}: no current ${name} reading (is metrics-server serving the resource metrics API?)`);
    const active = conditionOf(hpa.status, "ScalingActive");
    if (active?.status !== "True") problems.push(`${where}: ${describeCondition(active, "ScalingActive")}`);
    return problems;
}
