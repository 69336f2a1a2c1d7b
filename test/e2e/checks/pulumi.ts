// Automation API results: a second `up` must change nothing, and `destroy` must leave no kind cluster behind.
import type { Problems } from "./types";

/** `UpResult.summary.resourceChanges`: operation name → count, e.g. { same: 80 } or { same: 79, update: 1 }. */
export type ResourceChanges = Record<string, number> | undefined;

/** An idempotent program: the repeated `up` reports only `same` resources, and at least one of them. */
export function checkNoOpUpdate(changes: ResourceChanges): Problems {
    if (changes === undefined) return ["the second pulumi up reported no resource changes summary"];
    const changed = Object.entries(changes).filter(([op, count]) => op !== "same" && count > 0);
    const problems = changed.map(([op, count]) => `the second pulumi up was not a no-op: ${count} resource(s) ${op}`);
    if ((changes["same"] ?? 0) === 0) problems.push("the second pulumi up reported no unchanged resources: the stack is empty");
    return problems;
}

/** `kind get clusters` prints one name a line (or "No kind clusters found." on stderr). */
export function checkClusterGone(kindGetClusters: string, clusterName: string): Problems {
    const names = kindGetClusters.split("\n").map((line) => line.trim());
    return names.includes(clusterName) ? [`kind cluster ${clusterName} still exists after pulumi destroy`] : [];
}
