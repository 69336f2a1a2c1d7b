/** A check's verdict: every problem it found, each a sentence a person can act on. Empty means it passed. */
export type Problems = string[];

/** The slice of a Kubernetes object the checks read (recorded `kubectl get -o json` output). */
export interface KubeObject {
    kind?: string;
    metadata: { name: string; namespace?: string; generation?: number };
    spec?: Record<string, unknown>;
    status?: Record<string, unknown>;
}

export interface KubeList<T = KubeObject> {
    items: T[];
}

export interface Condition {
    type: string;
    status: string;
    reason?: string;
    message?: string;
}

export function conditionOf(status: Record<string, unknown> | undefined, type: string): Condition | undefined {
    const conditions = (status?.["conditions"] ?? []) as Condition[];
    return conditions.find((c) => c.type === type);
}

export function describeCondition(condition: Condition | undefined, type: string): string {
    if (condition === undefined) return `${type} condition not reported`;
    return `${type}=${condition.status}${condition.reason ? ` (${condition.reason}${condition.message ? `: ${condition.message}` : ""})` : ""}`;
}
