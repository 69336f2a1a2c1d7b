// Container resource quantities, shared by the platform's chart values and the app's workload.

export const cpu = (millicores: number) => `${millicores}m`;
export const mebibytes = (mib: number) => `${mib}Mi`;

/** Requests and limits as the Kubernetes API (and every chart here) spells them. */
export interface ContainerResources {
    requests: { cpu: string; memory: string };
    /**
     * Memory only. No CPU limit: CFS quota throttles a process in 100 ms slices even when the node has idle CPU,
     * which shows up as p99 latency; the CPU request already guarantees the pod its share.
     */
    limits: { memory: string };
}

export function containerResources(cpuMillicores: number, memoryMiB: number, memoryLimitMiB: number): ContainerResources {
    return { requests: { cpu: cpu(cpuMillicores), memory: mebibytes(memoryMiB) }, limits: { memory: mebibytes(memoryLimitMiB) } };
}
