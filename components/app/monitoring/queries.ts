// Metric names and label selectors shared by the alert rules and the dashboard. The app's names are checked
// against a live scrape of the service by test/components/app/metric-names.test.ts.
import { APP_NAME } from "../names";
import type { WorkloadSpec } from "../spec";

/** Exported by the service (app/src/metric-names.ts). */
export const APP_METRICS = {
    requests: "http_requests_total",
    duration: "http_request_duration_seconds",
} as const;

/**
 * Routes that are not user traffic: kubelet probes (/readyz answers 503 by design while starting and draining),
 * Prometheus scrapes, 404s for paths the service does not serve (scanners), and requests Node's parser rejected
 * (malformed, oversized or too slow: 400/408/413/431). They would dilute or fake the SLI.
 */
export const NON_USER_ROUTES = ["/healthz", "/readyz", "/metrics", "unmatched", "rejected"] as const;

/** The Prometheus Operator names the scrape job after the Service. */
export const SCRAPE_JOB = APP_NAME;

export function targetSelector(spec: Pick<WorkloadSpec, "namespace">): string {
    return `namespace="${spec.namespace}",job="${SCRAPE_JOB}"`;
}

export function userTrafficSelector(spec: Pick<WorkloadSpec, "namespace">): string {
    return `${targetSelector(spec)},route!~"${NON_USER_ROUTES.join("|")}"`;
}

/** Selector for the app container in kube-state-metrics and cAdvisor series. */
export function containerSelector(spec: Pick<WorkloadSpec, "namespace">): string {
    return `namespace="${spec.namespace}",container="${APP_NAME}"`;
}

/** The Probe's job label: the blackbox exporter's client-side view of the Service. */
export const PROBE_JOB = `${APP_NAME}-probe`;

function probeSelector(spec: Pick<WorkloadSpec, "namespace">): string {
    return `namespace="${spec.namespace}",job="${PROBE_JOB}"`;
}

/** The SLIs, each a ratio of bad events over a window, recorded for every burn-rate window. */
export type SliName = "availability" | "latency" | "probe";
const SLI_RECORDS: Record<SliName, string> = { availability: "http_requests_error_ratio", latency: "http_requests_slow_ratio", probe: "probe_failure_ratio" };
export const sliRecord = (sli: SliName, window: string) => `${APP_NAME}:${SLI_RECORDS[sli]}:rate${window}`;
export const errorRatioRecord = (window: string) => sliRecord("availability", window);

const sumRate = (series: string, window: string) => `sum by (namespace, job) (rate(${series}[${window}]))`;
/** Zero traffic divides 0 by 0: the `> 0` filter drops the sample, so the ratio has no data instead of NaN. */
const ratioOf = (bad: string, total: string) => `(\n  ${bad}\n)\n/\n(${total} > 0)`;

/**
 * Share of user requests answered 5xx over `window`, per namespace and job. The app exports a 0 for every
 * route's 5xx series at start-up, and `or 0 * total` still covers series that appear later, so a healthy
 * service records 0 rather than no data.
 */
export function errorRatio(spec: Pick<WorkloadSpec, "namespace">, window: string): string {
    const rate = (extra: string) => sumRate(`${APP_METRICS.requests}{${userTrafficSelector(spec)}${extra}}`, window);
    return ratioOf(`${rate(',code=~"5.."')}\nor\n  0 * ${rate("")}`, rate(""));
}

/**
 * The histogram bucket label of a boundary. The service writes `le="1"`; Prometheus 3 normalises classic
 * histogram buckets to float form (`le="1.0"`), so an integer boundary matches both.
 */
function leMatcher(seconds: number): string {
    return Number.isInteger(seconds) ? `le=~"${seconds}(\\\\.0)?"` : `le="${seconds}"`;
}

/** Share of user requests slower than `targetSeconds` (a bucket boundary) over `window`. */
export function slowRatio(spec: Pick<WorkloadSpec, "namespace">, window: string, targetSeconds: number): string {
    const total = sumRate(`${APP_METRICS.duration}_count{${userTrafficSelector(spec)}}`, window);
    const fast = sumRate(`${APP_METRICS.duration}_bucket{${userTrafficSelector(spec)},${leMatcher(targetSeconds)}}`, window);
    return ratioOf(`${total}\n-\n  ${fast}`, total);
}

/** Share of failed blackbox probes of the Service over `window`: "no response at all" counts here. */
export function probeFailureRatio(spec: Pick<WorkloadSpec, "namespace">, window: string): string {
    return `1 - avg by (namespace, job) (avg_over_time(probe_success{${probeSelector(spec)}}[${window}]))`;
}

/** How many events (requests, or probes) an SLI saw in `window`, for the minimum-traffic guard on pages. */
export function sliEvents(spec: Pick<WorkloadSpec, "namespace">, sli: SliName, window: string): string {
    if (sli === "probe") return `sum by (namespace, job) (count_over_time(probe_success{${probeSelector(spec)}}[${window}]))`;
    const series = sli === "availability" ? `${APP_METRICS.requests}{${userTrafficSelector(spec)}}` : `${APP_METRICS.duration}_count{${userTrafficSelector(spec)}}`;
    return `sum by (namespace, job) (increase(${series}[${window}]))`;
}

/** The dashboard's address below Grafana's root URL (uid: at most 40 characters). */
export function dashboardUid(spec: Pick<WorkloadSpec, "stackName">): string {
    return `${APP_NAME}-${spec.stackName}`.slice(0, 40);
}

/**
 * Container restarts within `window`, counted exactly: the restart counter only grows for one pod's
 * container, so newest minus oldest sample is the number of restarts. `increase()` would extrapolate to the
 * window's edges and report 2 restarts as about 2.1.
 */
export function restartsWithin(spec: Pick<WorkloadSpec, "namespace">, window: string): string {
    const series = `kube_pod_container_status_restarts_total{${containerSelector(spec)}}`;
    return `max_over_time(${series}[${window}]) - min_over_time(${series}[${window}])`;
}

export function latencyQuantile(spec: Pick<WorkloadSpec, "namespace">, quantile: number, by = "namespace, job, le"): string {
    return `histogram_quantile(${quantile}, sum by (${by}) (rate(${APP_METRICS.duration}_bucket{${userTrafficSelector(spec)}}[5m])))`;
}
