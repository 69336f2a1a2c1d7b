// Value shapes several charts share (they all follow the Kubernetes API for these fields).

/** An empty selector: matches every object (or every namespace). */
export type MatchAll = Record<string, never>;
export const MATCH_ALL: MatchAll = {};

/**
 * Spreading and disruption budgets apply only to a replicated component: replicas sharing a node fail
 * together, so they get hard anti-affinity and a PDB keeping one up. A single replica gets neither: there is
 * nothing to spread, and a PDB on it would block every node drain.
 */
export function isReplicated(replicas: number): boolean {
    return replicas > 1;
}

/** Pod anti-affinity as the charts spell it; see isReplicated. */
export function antiAffinityFor(replicas: number): "hard" | "" {
    return isReplicated(replicas) ? "hard" : "";
}
