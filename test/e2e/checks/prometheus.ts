// Prometheus HTTP API answers (https://prometheus.io/docs/prometheus/latest/querying/api/): is the app scraped
// and healthy, and are its PrometheusRule groups loaded and evaluating without errors?
import type { Problems } from "./types";

interface ApiResponse<T> {
    status: "success" | "error";
    data?: T;
    errorType?: string;
    error?: string;
}

interface Target {
    labels: Record<string, string>;
    scrapePool: string;
    scrapeUrl: string;
    health: "up" | "down" | "unknown";
    lastError: string;
}
export type TargetsResponse = ApiResponse<{ activeTargets: Target[]; droppedTargets?: unknown[] }>;

interface VectorSample {
    metric: Record<string, string>;
    value: [number, string];
}
export type QueryResponse = ApiResponse<{ resultType: string; result: VectorSample[] }>;

interface RuleGroup {
    name: string;
    file: string;
    rules: Array<{ name: string; type: "alerting" | "recording"; health: string; lastError?: string }>;
}
export type RulesResponse = ApiResponse<{ groups: RuleGroup[] }>;

/** The app's scrape target: the Prometheus Operator sets `namespace` and names `job` after the Service. */
export interface TargetSelector {
    namespace: string;
    job: string;
}

function apiError<T>(what: string, response: ApiResponse<T>): Problems {
    return response.status === "success" && response.data !== undefined ? [] : [`${what}: Prometheus answered ${response.status}: ${response.errorType ?? ""} ${response.error ?? ""}`.trim()];
}

const describeSelector = (s: TargetSelector) => `{namespace="${s.namespace}",job="${s.job}"}`;

/** /api/v1/targets: at least one active target of the app, and every one of them healthy. */
export function checkTargetsHealthy(response: TargetsResponse, selector: TargetSelector): Problems {
    const failed = apiError("/api/v1/targets", response);
    if (failed.length > 0 || response.data === undefined) return failed;
    const targets = response.data.activeTargets.filter((t) => t.labels["namespace"] === selector.namespace && t.labels["job"] === selector.job);
    if (targets.length === 0) return [`no active Prometheus target matches ${describeSelector(selector)} (is the ServiceMonitor selected?)`];
    return targets.filter((t) => t.health !== "up").map((t) => `target ${t.scrapeUrl} (${t.scrapePool}) is ${t.health}: ${t.lastError || "no error reported"}`);
}

/** /api/v1/query for `up{...}`: at least one series, every one with the value 1. */
export function checkUpQuery(response: QueryResponse, selector: TargetSelector): Problems {
    const failed = apiError("/api/v1/query", response);
    if (failed.length > 0 || response.data === undefined) return failed;
    if (response.data.resultType !== "vector") return [`up${describeSelector(selector)}: expected a vector result, got ${response.data.resultType}`];
    const series = response.data.result;
    if (series.length === 0) return [`up${describeSelector(selector)} has no series yet (the target was never scraped)`];
    return series.filter((s) => s.value[1] !== "1").map((s) => `up{instance="${s.metric["instance"] ?? "?"}"} = ${s.value[1]}, expected 1`);
}

/** The PromQL this check sends; kept beside the check so the two cannot drift. */
export function upQuery(selector: TargetSelector): string {
    return `up${describeSelector(selector)}`;
}

export interface ExpectedRules {
    /** Namespace and name of the PrometheusRule object: the operator names its rule file `<namespace>-<name>-<uid>.yaml`. */
    namespace: string;
    name: string;
    groups: Array<{ name: string; rules: number }>;
}

/** /api/v1/rules: each group of the PrometheusRule is loaded from its object's file, complete and error-free. */
export function checkRuleGroupsLoaded(response: RulesResponse, expected: ExpectedRules): Problems {
    const failed = apiError("/api/v1/rules", response);
    if (failed.length > 0 || response.data === undefined) return failed;
    const fileMarker = `/${expected.namespace}-${expected.name}-`;
    const ours = response.data.groups.filter((g) => g.file.includes(fileMarker));
    return expected.groups.flatMap((want) => {
        const group = ours.find((g) => g.name === want.name);
        if (group === undefined) return [`rule group ${want.name} of PrometheusRule ${expected.namespace}/${expected.name} is not loaded`];
        const problems: Problems = [];
        if (group.rules.length !== want.rules) problems.push(`rule group ${want.name}: ${group.rules.length} rules loaded, expected ${want.rules}`);
        for (const rule of group.rules.filter((r) => r.health === "err")) {
            problems.push(`rule ${rule.name} in group ${want.name} fails to evaluate: ${rule.lastError ?? "no error text"}`);
        }
        return problems;
    });
}
