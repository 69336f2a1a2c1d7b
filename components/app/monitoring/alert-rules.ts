// Alerting and recording rules of the app: SLO error-budget burn alerts (multi-window, multi-burn-rate, after
// the Google SRE workbook, "Alerting on SLOs"), p99 latency, scrape target down or absent, container restarts.
import type { IRuleGroup } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RuleGroup";
import { APP_NAME } from "../names";
import type { WorkloadSpec } from "../spec";
import { errorRatio, errorRatioRecord, latencyQuantile, restartsWithin, targetSelector } from "./queries";

const RUNBOOK_URL = "https://github.com/example-org/platform/blob/main/components/app/README.md";
/** The SLO's compliance period; burn rate 1 spends exactly the whole budget in this time. */
const SLO_PERIOD_DAYS = 30;

export interface BurnRateAlert {
    alert: string;
    severity: "page" | "ticket";
    burnRate: number;
    long: string;
    short: string;
}

/** Page on 2% of the 30-day budget spent in 1 h or 5% in 6 h; ticket on 10% in 1 d or 10% in 3 d. */
export const BURN_RATE_ALERTS: readonly BurnRateAlert[] = [
    { alert: "GreeterErrorBudgetBurn1h", severity: "page", burnRate: 14.4, long: "1h", short: "5m" },
    { alert: "GreeterErrorBudgetBurn6h", severity: "page", burnRate: 6, long: "6h", short: "30m" },
    { alert: "GreeterErrorBudgetBurn1d", severity: "ticket", burnRate: 3, long: "1d", short: "2h" },
    { alert: "GreeterErrorBudgetBurn3d", severity: "ticket", burnRate: 1, long: "3d", short: "6h" },
];

const SECONDS: Record<string, number> = { m: 60, h: 3600, d: 86400 };
const seconds = (window: string) => Number(window.slice(0, -1)) * SECONDS[window.slice(-1)];
/** Every window the burn-rate alerts read, shortest first; each gets a recording rule. */
export const ERROR_RATIO_WINDOWS = [...new Set(BURN_RATE_ALERTS.flatMap((a) => [a.short, a.long]))].sort((a, b) => seconds(a) - seconds(b));

export const SERVICE_ALERTS = {
    latency: "GreeterLatencyP99High",
    targetDown: "GreeterTargetDown",
    absent: "GreeterTargetAbsent",
    restarts: "GreeterContainerRestarting",
} as const;

/** Restarts within RESTART_WINDOW above which the container is considered crash-looping. */
export const RESTART_WINDOW = "30m";
const RESTART_THRESHOLD = 2;

const round = (value: number) => Number(value.toPrecision(4));
const runbook = (alert: string) => `${RUNBOOK_URL}#${alert.toLowerCase()}`;

function errorRatioRule(spec: WorkloadSpec, window: string) {
    return { record: errorRatioRecord(window), expr: errorRatio(spec, window) };
}

function burnRateRule(spec: WorkloadSpec, a: BurnRateAlert) {
    const threshold = `(${a.burnRate} * (1 - ${spec.slo.target}))`;
    const ratio = (window: string) => `${errorRatioRecord(window)}{${targetSelector(spec)}} > ${threshold}`;
    const percent = round(a.burnRate * (1 - spec.slo.target) * 100);
    const exhaustedInHours = round((SLO_PERIOD_DAYS * 24) / a.burnRate);
    return {
        alert: a.alert,
        // No `for`: the short window already stops the alert soon after the errors stop, and delays would only add to detection time.
        expr: `${ratio(a.long)}\nand\n${ratio(a.short)}`,
        labels: { severity: a.severity, slo: "availability", long_window: a.long, short_window: a.short },
        annotations: {
            summary: `${APP_NAME} (${spec.stackName}) is burning its error budget ${a.burnRate}x too fast`,
            description:
                `More than ${percent}% of user requests to ${APP_NAME} in namespace ${spec.namespace} answered 5xx over both the last ${a.long} and ${a.short}. ` +
                `At this rate the ${SLO_PERIOD_DAYS}-day error budget of the ${round(spec.slo.target * 100)}% availability SLO is gone in ${exhaustedInHours} hours.`,
            runbook_url: runbook(a.alert),
        },
    };
}

function serviceRules(spec: WorkloadSpec) {
    const targetSeconds = spec.slo.latencyP99TargetMs / 1000;
    const where = `${APP_NAME} in namespace ${spec.namespace} (${spec.stackName})`;
    return [
        {
            alert: SERVICE_ALERTS.latency,
            expr: `${latencyQuantile(spec, 0.99)} > ${targetSeconds}`,
            for: "10m",
            labels: { severity: "ticket" },
            annotations: {
                summary: `${where}: p99 latency above ${spec.slo.latencyP99TargetMs} ms`,
                description: `The 99th percentile of user request duration has been above the ${spec.slo.latencyP99TargetMs} ms target for 10 minutes.`,
                runbook_url: runbook(SERVICE_ALERTS.latency),
            },
        },
        {
            alert: SERVICE_ALERTS.targetDown,
            expr: `up{${targetSelector(spec)}} == 0`,
            for: "5m",
            labels: { severity: "warning" },
            annotations: {
                summary: `${where}: a pod cannot be scraped`,
                description: "Prometheus has failed to scrape /metrics of one pod for 5 minutes; the pod is down, not ready to serve, or blocked by a NetworkPolicy.",
                runbook_url: runbook(SERVICE_ALERTS.targetDown),
            },
        },
        {
            alert: SERVICE_ALERTS.absent,
            expr: `absent(up{${targetSelector(spec)}})`,
            for: "10m",
            labels: { severity: "page" },
            annotations: {
                summary: `${where}: no scrape target at all`,
                description: "Prometheus has had no target for the service for 10 minutes: no pod is running, or the ServiceMonitor no longer matches the Service. The SLO alerts are blind meanwhile.",
                runbook_url: runbook(SERVICE_ALERTS.absent),
            },
        },
        {
            alert: SERVICE_ALERTS.restarts,
            expr: `${restartsWithin(spec, RESTART_WINDOW)} > ${RESTART_THRESHOLD}`,
            labels: { severity: "warning" },
            annotations: {
                summary: `${where}: container restarting`,
                description: `A ${APP_NAME} container restarted more than ${RESTART_THRESHOLD} times in ${RESTART_WINDOW} (crash loop, OOM kill at the memory limit, or failing liveness probe).`,
                runbook_url: runbook(SERVICE_ALERTS.restarts),
            },
        },
    ];
}

export function alertRuleGroups(spec: WorkloadSpec): IRuleGroup[] {
    return [
        { name: `${APP_NAME}-slo-error-ratios`, rules: ERROR_RATIO_WINDOWS.map((window) => errorRatioRule(spec, window)) },
        { name: `${APP_NAME}-slo-burn-rate`, rules: BURN_RATE_ALERTS.map((a) => burnRateRule(spec, a)) },
        { name: `${APP_NAME}-service`, rules: serviceRules(spec) },
    ];
}
