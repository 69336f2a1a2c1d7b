// Pure sizing rules: Kubernetes quantities, the namespace quota and LimitRange, and the disruption budget, all
// derived from the stack's app sizing so that one edit in the stack file keeps every guardrail consistent.
import { containerResources, cpu, mebibytes, type ContainerResources } from "../resources";
import type { Sizing } from "./spec";

/** Rolling update: one extra pod at a time and never fewer ready pods than wanted (the HPA owns the count). */
export const ROLLING_UPDATE = { maxSurge: 1, maxUnavailable: 0 } as const;
/** Room for one pod besides the app's own (a debug pod or one-off job) so it never has to wait for a scale-down. */
const SPARE_PODS = 1;

/**
 * What the service uses when it is up and serving, measured with the real app (app/ on Node 22, the image's
 * runtime; method and figures in components/app/README.md, "Measured footprint"). The autoscaler's targets are
 * checked against these: a target below the steady state holds the HPA at maxReplicas forever, a target the
 * service never gets near is no signal.
 */
export const MEASURED_FOOTPRINT = {
    /** Resident memory under sustained load at the bench's concurrency (highest reading, rounded up). */
    steadyStateRssMiB: 81,
    /** CPU of an idle pod (metrics collection, timers). */
    idleCpuMillicores: 6,
} as const;
/** A target must sit this far above the measured steady state to mean "more than usual", not "running". */
export const SIGNAL_HEADROOM = 1.25;

export function resourcesFor(sizing: Sizing): ContainerResources {
    return containerResources(sizing.cpuRequestMillicores, sizing.memoryRequestMiB, sizing.memoryLimitMiB);
}

export interface QuotaPlan {
    pods: number;
    requestsCpuMillicores: number;
    requestsMemoryMiB: number;
    limitsMemoryMiB: number;
}

/**
 * The namespace may hold the HPA's maximum, plus the rolling update's surge pod (a rollout at full scale must
 * not stall on quota), plus one spare pod; every pod counted at the app's own request and limit.
 */
export function quotaPlan(sizing: Sizing): QuotaPlan {
    const pods = sizing.maxReplicas + ROLLING_UPDATE.maxSurge + SPARE_PODS;
    return {
        pods,
        requestsCpuMillicores: pods * sizing.cpuRequestMillicores,
        requestsMemoryMiB: pods * sizing.memoryRequestMiB,
        limitsMemoryMiB: pods * sizing.memoryLimitMiB,
    };
}

/** `spec.hard` of the ResourceQuota. No `limits.cpu`: it would force a CPU limit on every pod (see above). */
export function quotaHard(sizing: Sizing): Record<string, string> {
    const plan = quotaPlan(sizing);
    return {
        pods: String(plan.pods),
        "requests.cpu": cpu(plan.requestsCpuMillicores),
        "requests.memory": mebibytes(plan.requestsMemoryMiB),
        "limits.memory": mebibytes(plan.limitsMemoryMiB),
        // The app is reached inside the cluster only; exposing it is a reviewed change, not a side effect.
        "services.loadbalancers": "0",
        "services.nodeports": "0",
    };
}

/**
 * Container defaults of the LimitRange: a container that declares nothing (a debug pod, a future sidecar) gets
 * the app's own request and memory limit, so it still satisfies the quota, which requires both. No default CPU
 * limit for the same throttling reason; no `max`, which would reject the app's own pods for a moment whenever
 * a sizing increase reaches the Deployment (gitops) before the LimitRange (Pulumi).
 */
export function limitRangeDefaults(sizing: Sizing) {
    const resources = resourcesFor(sizing);
    return { type: "Container", defaultRequest: { ...resources.requests }, default: { ...resources.limits } };
}

export interface DisruptionBudget {
    minAvailable?: number;
    maxUnavailable?: number;
}

/**
 * One pod at a time, whatever the replica count. With the HPA at 10 replicas a fixed `minAvailable: minReplicas-1`
 * would let a node drain evict 8 pods at once; `maxUnavailable: 1` keeps n-1 serving at every scale. At
 * minReplicas 1 (dev) the single pod may be evicted: a PDB that blocks it would wedge every node drain.
 */
export function disruptionBudget(): DisruptionBudget {
    return { maxUnavailable: 1 };
}

/** Throws when a PDB would block voluntary evictions at the HPA minimum, or would protect nothing. */
export function checkDisruptionBudget(budget: DisruptionBudget, minReplicas: number): void {
    const { minAvailable, maxUnavailable } = budget;
    const where = `PodDisruptionBudget ${JSON.stringify(budget)} with HPA minReplicas ${minReplicas}`;
    if ((minAvailable === undefined) === (maxUnavailable === undefined)) {
        throw new Error(`${where}: set exactly one of minAvailable and maxUnavailable`);
    }
    for (const [key, value] of Object.entries(budget)) {
        if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
            throw new Error(`${where}: ${key} must be a non-negative integer (percentages are not supported here)`);
        }
    }
    if (minAvailable !== undefined && minAvailable >= minReplicas) {
        throw new Error(`${where}: minAvailable must be below minReplicas, otherwise no pod can ever be evicted and node drains hang; use at most ${Math.max(0, minReplicas - 1)}`);
    }
    if (maxUnavailable !== undefined && maxUnavailable < 1) {
        throw new Error(`${where}: maxUnavailable 0 blocks every voluntary eviction and node drains hang; use 1`);
    }
    if (minReplicas >= 2 && maxUnavailable !== undefined && maxUnavailable >= minReplicas) {
        throw new Error(`${where}: maxUnavailable must be below minReplicas, otherwise a drain may take every pod at once; use 1`);
    }
    if (minReplicas >= 2 && minAvailable !== undefined && minAvailable < 1) {
        throw new Error(`${where}: minAvailable 0 protects nothing; use ${minReplicas - 1}`);
    }
}
