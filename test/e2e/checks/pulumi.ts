// Automation API results: a second `up`, and a preview after it, must change nothing, and `destroy` must leave
// no kind cluster behind.
import type { Problems } from "./types";

/**
 * `UpResult.summary.resourceChanges` or `PreviewResult.changeSummary`: operation name → count, e.g. { same: 80 }
 * or { same: 79, update: 1 }.
 */
export type ResourceChanges = Record<string, number> | undefined;

/**
 * A steady state: the repeated `up` (or a preview after it) reports only `same` resources, and at least one.
 * `run` names the operation in the messages.
 */
export function checkNoOpUpdate(changes: ResourceChanges, run = "the second pulumi up"): Problems {
    if (changes === undefined) return [`${run} reported no resource changes summary`];
    const changed = Object.entries(changes).filter(([op, count]) => op !== "same" && count > 0);
    const problems = changed.map(([op, count]) => `${run} was not a no-op: ${count} resource(s) ${op}`);
    if ((changes["same"] ?? 0) === 0) problems.push(`${run} reported no unchanged resources: the stack is empty`);
    return problems;
}

/** `kind get clusters` prints one name a line (or "No kind clusters found." on stderr). */
export function checkClusterGone(kindGetClusters: string, clusterName: string): Problems {
    const names = kindGetClusters.split("\n").map((line) => line.trim());
    return names.includes(clusterName) ? [`kind cluster ${clusterName} still exists after pulumi destroy`] : [];
}
