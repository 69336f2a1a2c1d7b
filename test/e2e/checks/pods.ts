// Which pods need a person's attention: the diagnostics fetch logs and descriptions for these.
import type { KubeList } from "./types";

interface ContainerStatus {
    name: string;
    ready: boolean;
    restartCount: number;
    state?: { waiting?: { reason?: string }; terminated?: { reason?: string; exitCode?: number }; running?: { startedAt?: string } };
}

export interface Pod {
    metadata: { name: string; namespace: string };
    status?: { phase?: string; reason?: string; containerStatuses?: ContainerStatus[]; initContainerStatuses?: ContainerStatus[] };
}

export interface FailingPod {
    namespace: string;
    name: string;
    /** Why it is listed, e.g. "CrashLoopBackOff (container app, 4 restarts)". */
    reason: string;
    /** Restarted containers have a previous log worth fetching. */
    restarted: boolean;
}

function containerReason(c: ContainerStatus): string {
    const state = c.state?.waiting?.reason ?? c.state?.terminated?.reason ?? "not ready";
    return `${state} (container ${c.name}, ${c.restartCount} restarts)`;
}

/** Pods that are neither finished (Succeeded) nor running with every container ready, or that have restarted. */
export function failingPods(list: KubeList<Pod>): FailingPod[] {
    return list.items.flatMap((pod) => {
        const phase = pod.status?.phase ?? "Unknown";
        if (phase === "Succeeded") return [];
        const init = pod.status?.initContainerStatuses ?? [];
        const main = pod.status?.containerStatuses ?? [];
        const restarted = [...init, ...main].some((c) => c.restartCount > 0);
        if (phase === "Running" && main.every((c) => c.ready) && !restarted) return [];
        // A finished init container is done, not failing.
        const initTroubled = init.filter((c) => (!c.ready && c.state?.terminated?.reason !== "Completed") || c.restartCount > 0);
        const troubled = [...initTroubled, ...main.filter((c) => !c.ready || c.restartCount > 0)];
        const reason = troubled.length > 0 ? troubled.map(containerReason).join("; ") : `${phase}${pod.status?.reason ? ` (${pod.status.reason})` : ""}`;
        return [{ namespace: pod.metadata.namespace, name: pod.metadata.name, reason, restarted }];
    });
}
