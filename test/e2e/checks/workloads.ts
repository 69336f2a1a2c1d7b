// Are the namespace's controllers done rolling out? Reads `kubectl get deploy,sts,ds -n <ns> -o json`.
import { conditionOf, describeCondition, type KubeList, type KubeObject, type Problems } from "./types";

const num = (value: unknown): number => (typeof value === "number" ? value : 0);

/** A controller whose status still describes an older spec has not acted on the latest change yet. */
function staleGeneration(object: KubeObject): string | undefined {
    const observed = num(object.status?.["observedGeneration"]);
    const generation = object.metadata.generation ?? 0;
    return observed < generation ? `status is for generation ${observed}, spec is at ${generation}` : undefined;
}

function deploymentProblem(d: KubeObject): string | undefined {
    const desired = typeof d.spec?.["replicas"] === "number" ? d.spec["replicas"] : 1;
    const available = num(d.status?.["availableReplicas"]);
    const updated = num(d.status?.["updatedReplicas"]);
    const availableCondition = conditionOf(d.status, "Available");
    const stale = staleGeneration(d);
    if (stale) return stale;
    if (available < desired || updated < desired || availableCondition?.status !== "True") {
        return `${available}/${desired} available, ${updated}/${desired} updated, ${describeCondition(availableCondition, "Available")}`;
    }
    return undefined;
}

function statefulSetProblem(s: KubeObject): string | undefined {
    const desired = typeof s.spec?.["replicas"] === "number" ? s.spec["replicas"] : 1;
    const ready = num(s.status?.["readyReplicas"]);
    // availableReplicas honours minReadySeconds; clusters before 1.22 do not report it, so ready stands in.
    const available = typeof s.status?.["availableReplicas"] === "number" ? s.status["availableReplicas"] : ready;
    const text = (value: unknown) => (typeof value === "string" ? value : undefined);
    const current = text(s.status?.["currentRevision"]);
    const update = text(s.status?.["updateRevision"]);
    const stale = staleGeneration(s);
    if (stale) return stale;
    if (ready < desired || available < desired) return `${ready}/${desired} ready, ${available}/${desired} available`;
    if (update !== undefined && current !== update) return `rolling out: current revision ${current ?? "(none)"}, update revision ${update}`;
    return undefined;
}

function daemonSetProblem(ds: KubeObject): string | undefined {
    const desired = num(ds.status?.["desiredNumberScheduled"]);
    const available = num(ds.status?.["numberAvailable"]);
    const updated = num(ds.status?.["updatedNumberScheduled"]);
    const stale = staleGeneration(ds);
    if (stale) return stale;
    if (available < desired || updated < desired) return `${available}/${desired} nodes available, ${updated}/${desired} updated`;
    return undefined;
}

const RULES: Record<string, (o: KubeObject) => string | undefined> = {
    Deployment: deploymentProblem,
    StatefulSet: statefulSetProblem,
    DaemonSet: daemonSetProblem,
};

/**
 * Every Deployment, StatefulSet and DaemonSet in `list` is fully available. An empty namespace is a problem
 * too: each namespace checked here is one the program fills, so nothing there means the install went wrong.
 */
export function checkWorkloadsAvailable(namespace: string, list: KubeList): Problems {
    const controllers = list.items.filter((o) => o.kind !== undefined && o.kind in RULES);
    if (controllers.length === 0) return [`namespace ${namespace}: no Deployment, StatefulSet or DaemonSet found`];
    return controllers.flatMap((o) => {
        const problem = RULES[o.kind as string](o);
        return problem ? [`${o.kind} ${namespace}/${o.metadata.name}: ${problem}`] : [];
    });
}
