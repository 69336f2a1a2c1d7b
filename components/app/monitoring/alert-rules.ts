// Alerting and recording rules of the app. Three SLIs, each with multi-window, multi-burn-rate alerts (Google
// SRE workbook, "Alerting on SLOs"): availability (5xx share of user requests), latency (share slower than the
// target, a histogram bucket boundary) and the blackbox probe of the Service (share of failed probes, so "no
// responses at all" burns budget too). Beside them, loss of service pages on its own: the request metric gone
// or stopped, or no replica available. Then the pod-level warnings: scrape target down, container restarts.
import type { IRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Rule";
import type { IRuleGroup } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RuleGroup";
import { BURN_RATE_WINDOWS, SLO_PERIOD_DAYS, type BurnRateWindow } from "../../../stacks";
import { APP_NAME } from "../names";
import type { WorkloadSpec } from "../spec";
import { APP_METRICS, dashboardUid, errorRatio, probeFailureRatio, restartsWithin, sliEvents, sliRecord, slowRatio, targetSelector, type SliName } from "./queries";

/** The latency SLO: this share of user requests is faster than the stack's target (the target is a p99). */
const LATENCY_OBJECTIVE = 0.99;

/**
 * A page needs at least this many bad events (failed or slow requests, failed probes) in its long window: at
 * 1 request a minute a single 5xx is 1.7% of an hour, above the 1 h page threshold of a 99.9% SLO.
 */
const MIN_BAD_EVENTS_FOR_PAGE = 5;

interface Sli {
    name: SliName;
    /** Alert name stem: Greeter<stem>BudgetBurn<window>. */
    stem: string;
    /** What a bad event is, for the description. */
    bad: string;
    objective: (spec: WorkloadSpec) => number;
    ratio: (spec: WorkloadSpec, window: string) => string;
}

export const SLIS: readonly Sli[] = [
    { name: "availability", stem: "Error", bad: "user requests answered 5xx", objective: (spec) => spec.slo.target, ratio: errorRatio },
    {
        name: "latency",
        stem: "Latency",
        bad: "user requests slower than the latency target",
        objective: () => LATENCY_OBJECTIVE,
        ratio: (spec, window) => slowRatio(spec, window, spec.slo.latencyP99TargetMs / 1000),
    },
    { name: "probe", stem: "Probe", bad: "blackbox probes of the Service that failed (no answer, timeout or non-2xx)", objective: (spec) => spec.slo.target, ratio: probeFailureRatio },
];

export interface BurnRateAlert extends BurnRateWindow {
    alert: string;
    sli: SliName;
}

const windowName = (w: BurnRateWindow) => w.long;
/** Every burn-rate alert: one per SLI and window. */
export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = SLIS.flatMap((sli) => BURN_RATE_WINDOWS.map((w) => ({ ...w, sli: sli.name, alert: `Greeter${sli.stem}BudgetBurn${windowName(w)}` })));

const SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86400 };
const seconds = (window: string) => Number(window.slice(0, -1)) * SECONDS[window.slice(-1)];
/** Every window the burn-rate alerts read, shortest first; each SLI gets a recording rule per window. */
export const ERROR_RATIO_WINDOWS = [...new Set(BURN_RATE_WINDOWS.flatMap((a) => [a.short, a.long]))].sort((a, b) => seconds(a) - seconds(b));

export const SERVICE_ALERTS = {
    noRequests: "GreeterNoRequests",
    noReplica: "GreeterNoReplicaAvailable",
    targetDown: "GreeterTargetDown",
    restarts: "GreeterContainerRestarting",
} as const;

/**
 * Loss of service: the request rate window and how long it must stay empty. The counter includes probe and
 * scrape requests, so it only stops when nothing answers; at a 30 s scrape, 30 s rule evaluation and the page
 * route's 30 s group_wait the page is sent at most 2 m + 1 m + 30 s + 30 s + 30 s = 4.5 minutes after the last
 * answered scrape.
 */
const NO_REQUESTS_WINDOW = "2m";
const NO_REQUESTS_FOR = "1m";
const NO_REPLICA_FOR = "2m";

/** Restarts within RESTART_WINDOW above which the container is considered crash-looping. */
export const RESTART_WINDOW = "30m";
const RESTART_THRESHOLD = 2;

const round = (value: number) => Number(value.toPrecision(4));

function annotations(spec: WorkloadSpec, alert: string, text: { summary: string; description: string; value?: string }): Record<string, string> {
    return {
        summary: text.summary,
        description: text.description,
        ...(text.value ? { value: text.value } : {}),
        runbook_url: `${spec.links.runbook}#${alert.toLowerCase()}`,
        dashboard_url: `${spec.links.grafana}/d/${dashboardUid(spec)}`,
    };
}

function burnRateRule(spec: WorkloadSpec, sli: Sli, a: BurnRateAlert) {
    const objective = sli.objective(spec);
    const threshold = `(${a.burnRate} * (1 - ${objective}))`;
    const ratio = (window: string) => `${sliRecord(sli.name, window)}{namespace="${spec.namespace}"} > ${threshold}`;
    // The long window's bad events: its ratio times its events; pages need a few, tickets do not.
    const enough = `(${sliRecord(sli.name, a.long)}{namespace="${spec.namespace}"} * on (namespace, job) ${sliEvents(spec, sli.name, a.long)}) >= ${MIN_BAD_EVENTS_FOR_PAGE}`;
    const percent = round(a.burnRate * (1 - objective) * 100);
    const exhaustedInHours = round((SLO_PERIOD_DAYS * 24) / a.burnRate);
    const guard = a.severity === "page" ? `\nand on (namespace, job)\n${enough}` : "";
    return {
        alert: a.alert,
        // No `for`: the short window already stops the alert soon after the errors stop, and delays would only add to detection time.
        expr: `${ratio(a.long)}\nand\n${ratio(a.short)}${guard}`,
        labels: { severity: a.severity, slo: sli.name, long_window: a.long, short_window: a.short },
        annotations: annotations(spec, a.alert, {
            summary: `${APP_NAME} (${spec.stackName}) is burning its ${sli.name} error budget ${a.burnRate}x too fast`,
            description:
                `More than ${percent}% of ${sli.bad} in namespace ${spec.namespace}, over both the last ${a.long} and ${a.short}. ` +
                `At this rate the ${SLO_PERIOD_DAYS}-day error budget of the ${round(objective * 100)}% ${sli.name} SLO is gone in ${exhaustedInHours} hours.`,
            value: `{{ $value | humanizePercentage }} over the last ${a.long}`,
        }),
    };
}

function serviceRules(spec: WorkloadSpec): IRule[] {
    const where = `${APP_NAME} in namespace ${spec.namespace} (${spec.stackName})`;
    const deployment = `kube_deployment_status_replicas_available{namespace="${spec.namespace}",deployment="${APP_NAME}"}`;
    return [
        {
            alert: SERVICE_ALERTS.noRequests,
            // absent() of an aggregate carries no labels: the rule names the service itself.
            expr: `absent(sum by (namespace, job) (rate(${APP_METRICS.requests}{${targetSelector(spec)}}[${NO_REQUESTS_WINDOW}])) > 0)`,
            for: NO_REQUESTS_FOR,
            labels: { severity: "page", namespace: spec.namespace, job: APP_NAME },
            annotations: annotations(spec, SERVICE_ALERTS.noRequests, {
                summary: `${where}: no request answered at all`,
                description:
                    `Not one request (not even a probe or a scrape) was answered in the last ${NO_REQUESTS_WINDOW}: every pod is down, crash-looping or hung, ` +
                    "or the ServiceMonitor no longer matches the Service. The availability SLO is blind meanwhile.",
            }),
        },
        {
            alert: SERVICE_ALERTS.noReplica,
            expr: `${deployment} < 1`,
            for: NO_REPLICA_FOR,
            labels: { severity: "page" },
            annotations: annotations(spec, SERVICE_ALERTS.noReplica, {
                summary: `${where}: no replica available`,
                description: `The Deployment has had no available (ready) replica for ${NO_REPLICA_FOR}: pods crash-loop, fail readiness, or cannot be scheduled.`,
                value: "{{ $value }} available replicas",
            }),
        },
        {
            alert: SERVICE_ALERTS.targetDown,
            expr: `up{${targetSelector(spec)}} == 0`,
            for: "5m",
            labels: { severity: "warning" },
            annotations: annotations(spec, SERVICE_ALERTS.targetDown, {
                summary: `${where}: a pod cannot be scraped`,
                description: "Prometheus has failed to scrape /metrics of one pod for 5 minutes; the pod is down, not ready to serve, or blocked by a NetworkPolicy.",
            }),
        },
        {
            alert: SERVICE_ALERTS.restarts,
            expr: `${restartsWithin(spec, RESTART_WINDOW)} > ${RESTART_THRESHOLD}`,
            labels: { severity: "warning" },
            annotations: annotations(spec, SERVICE_ALERTS.restarts, {
                summary: `${where}: container restarting`,
                description: `A ${APP_NAME} container restarted more than ${RESTART_THRESHOLD} times in ${RESTART_WINDOW} (crash loop, OOM kill at the memory limit, or failing liveness probe).`,
                value: "{{ $value }} restarts",
            }),
        },
    ];
}

export function alertRuleGroups(spec: WorkloadSpec): IRuleGroup[] {
    return [
        {
            name: `${APP_NAME}-slo-error-ratios`,
            // The alert windows, and the SLO period for the dashboard's budget and compliance.
            rules: SLIS.flatMap((sli) => [...ERROR_RATIO_WINDOWS, `${SLO_PERIOD_DAYS}d`].map((window) => ({ record: sliRecord(sli.name, window), expr: sli.ratio(spec, window) }))),
        },
        { name: `${APP_NAME}-slo-burn-rate`, rules: SLIS.flatMap((sli) => BURN_RATE_ALERTS.filter((a) => a.sli === sli.name).map((a) => burnRateRule(spec, sli, a))) },
        { name: `${APP_NAME}-service`, rules: serviceRules(spec) },
    ];
}
