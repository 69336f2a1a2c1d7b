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

export const errorRatioRecord = (window: string) => `${APP_NAME}:http_requests_error_ratio:rate${window}`;

/**
 * Share of user requests answered 5xx over `window`, per namespace and job. The 5xx series only exists once
 * the first 5xx was served, so a healthy service would divide nothing and record no data; `or 0 * total`
 * makes the ratio 0 instead (and still nothing when there is no traffic at all).
 */
export function errorRatio(spec: Pick<WorkloadSpec, "namespace">, window: string): string {
    const rate = (extra: string) => `sum by (namespace, job) (rate(${APP_METRICS.requests}{${userTrafficSelector(spec)}${extra}}[${window}]))`;
    return `(\n  ${rate(',code=~"5.."')}\nor\n  0 * ${rate("")}\n)\n/\n${rate("")}`;
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
