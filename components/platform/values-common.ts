// Value shapes several charts share (they all follow the Kubernetes API for these fields).

/** Container resources; CPU has no limit on purpose (throttling hurts latency more than sharing helps). */
export interface ResourceValues {
    requests: { cpu: string; memory: string };
    limits: { memory: string };
}

export function resources(cpuMillicores: number, memoryMiB: number, memoryLimitMiB: number): ResourceValues {
    return { requests: { cpu: `${cpuMillicores}m`, memory: `${memoryMiB}Mi` }, limits: { memory: `${memoryLimitMiB}Mi` } };
}

/** An empty selector: matches every object (or every namespace). */
export type MatchAll = Record<string, never>;
export const MATCH_ALL: MatchAll = {};

/**
 * Anti-affinity for replicated pods: `hard` once there is more than one replica (replicas sharing a
 * node fail together), none for a single replica (nothing to spread, and it must never block scheduling).
 */
export function antiAffinityFor(replicas: number): "hard" | "" {
    return replicas > 1 ? "hard" : "";
}
