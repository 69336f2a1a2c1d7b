// Grafana dashboard (classic JSON model) for the app, provisioned by the Grafana sidecar from a ConfigMap.
import { APP_NAME } from "../names";
import type { WorkloadSpec } from "../spec";
import { SLO_PERIOD_DAYS } from "../../../stacks";
import { ERROR_RATIO_WINDOWS, RESTART_WINDOW, SLIS } from "./alert-rules";
import { APP_METRICS, containerSelector, dashboardUid, errorRatioRecord, latencyQuantile, restartsWithin, sliRecord, targetSelector, userTrafficSelector } from "./queries";

/** The SLO view's window: the compliance period, recorded for each SLI (see alertRuleGroups). */
const SLO_PERIOD_WINDOW = `${SLO_PERIOD_DAYS}d`;

interface Target {
    expr: string;
    legendFormat: string;
}

export interface DashboardPanel {
    id: number;
    type: "timeseries";
    title: string;
    description: string;
    datasource: { type: "prometheus"; uid: string };
    gridPos: { x: number; y: number; w: number; h: number };
    fieldConfig: { defaults: { unit: string; min?: number }; overrides: [] };
    targets: (Target & { refId: string; datasource: { type: "prometheus"; uid: string } })[];
}

const DATASOURCE = { type: "prometheus", uid: "${datasource}" } as const;

function panel(id: number, title: string, description: string, unit: string, targets: Target[]): DashboardPanel {
    // Two panels per row, 12 columns wide and 8 high each.
    const index = id - 1;
    return {
        id,
        type: "timeseries",
        title,
        description,
        datasource: DATASOURCE,
        gridPos: { x: (index % 2) * 12, y: Math.floor(index / 2) * 8, w: 12, h: 8 },
        fieldConfig: { defaults: { unit, min: 0 }, overrides: [] },
        targets: targets.map((target, i) => ({ ...target, refId: String.fromCharCode(65 + i), datasource: DATASOURCE })),
    };
}

export function dashboardPanels(spec: WorkloadSpec): DashboardPanel[] {
    const user = userTrafficSelector(spec);
    const container = containerSelector(spec);
    const budget = Number((1 - spec.slo.target).toPrecision(6));
    return [
        panel(1, "Request rate", "User requests per second by route and status code (probes and scrapes excluded).", "reqps", [
            { expr: `sum by (route, code) (rate(${APP_METRICS.requests}{${user}}[5m]))`, legendFormat: "{{route}} {{code}}" },
        ]),
        panel(2, "Error ratio", "Share of user requests answered 5xx; above the budget line the SLO's error budget shrinks.", "percentunit", [
            { expr: `${errorRatioRecord("5m")}{${targetSelector(spec)}}`, legendFormat: "5xx ratio (5m)" },
            { expr: `${errorRatioRecord("1h")}{${targetSelector(spec)}}`, legendFormat: "5xx ratio (1h)" },
            { expr: `vector(${budget})`, legendFormat: "error budget (burn rate 1)" },
        ]),
        panel(3, "Latency p50 / p95 / p99", "User request duration quantiles from the service's histogram.", "s", [
            { expr: latencyQuantile(spec, 0.5, "le"), legendFormat: "p50" },
            { expr: latencyQuantile(spec, 0.95, "le"), legendFormat: "p95" },
            { expr: latencyQuantile(spec, 0.99, "le"), legendFormat: "p99" },
            { expr: `vector(${spec.slo.latencyP99TargetMs / 1000})`, legendFormat: "p99 target (a bucket boundary)" },
        ]),
        panel(4, "Pods ready", "Available pods of the Deployment against the count the HPA asks for.", "short", [
            { expr: `kube_deployment_status_replicas_available{namespace="${spec.namespace}",deployment="${APP_NAME}"}`, legendFormat: "available" },
            { expr: `kube_deployment_spec_replicas{namespace="${spec.namespace}",deployment="${APP_NAME}"}`, legendFormat: "desired" },
        ]),
        panel(5, "CPU against request", "CPU used per pod (cAdvisor) against the container's CPU request (there is no CPU limit).", "short", [
            { expr: `sum by (pod) (rate(container_cpu_usage_seconds_total{${container}}[5m]))`, legendFormat: "{{pod}} used" },
            { expr: `max(kube_pod_container_resource_requests{${container},resource="cpu"})`, legendFormat: "request" },
        ]),
        panel(6, "Memory against request and limit", "Working set per pod (what the OOM killer judges) against the request and the limit.", "bytes", [
            { expr: `sum by (pod) (container_memory_working_set_bytes{${container}})`, legendFormat: "{{pod}} working set" },
            { expr: `max(kube_pod_container_resource_requests{${container},resource="memory"})`, legendFormat: "request" },
            { expr: `max(kube_pod_container_resource_limits{${container},resource="memory"})`, legendFormat: "limit" },
        ]),
        panel(7, "Autoscaler replicas", "Current and desired replicas of the HorizontalPodAutoscaler between its minimum and maximum.", "short", [
            { expr: `kube_horizontalpodautoscaler_status_current_replicas{namespace="${spec.namespace}",horizontalpodautoscaler="${APP_NAME}"}`, legendFormat: "current" },
            { expr: `kube_horizontalpodautoscaler_status_desired_replicas{namespace="${spec.namespace}",horizontalpodautoscaler="${APP_NAME}"}`, legendFormat: "desired" },
            { expr: `kube_horizontalpodautoscaler_spec_min_replicas{namespace="${spec.namespace}",horizontalpodautoscaler="${APP_NAME}"}`, legendFormat: "min" },
            { expr: `kube_horizontalpodautoscaler_spec_max_replicas{namespace="${spec.namespace}",horizontalpodautoscaler="${APP_NAME}"}`, legendFormat: "max" },
        ]),
        panel(8, "Container restarts", `Restarts of the app container in the last ${RESTART_WINDOW}, per pod (the count the restart alert reads).`, "short", [
            { expr: restartsWithin(spec, RESTART_WINDOW), legendFormat: "{{pod}}" },
        ]),
        ...sloPanels(spec, 9),
    ];
}

/**
 * The SLO view, one row per SLI: the error budget left of the 30-day period (1 = untouched, 0 = spent, below 0
 * = the SLO is broken), compliance against the target, and the burn rate of every alert window (the alerts
 * fire above 14.4, 6, 3 and 1). All from the recording rules the alerts read.
 */
function sloPanels(spec: WorkloadSpec, firstId: number): DashboardPanel[] {
    const at = `{namespace="${spec.namespace}"}`;
    return SLIS.flatMap((sli, i) => {
        const objective = sli.objective(spec);
        const budget = Number((1 - objective).toPrecision(6));
        const long = sliRecord(sli.name, SLO_PERIOD_WINDOW);
        return [
            panel(firstId + 2 * i, `${sli.name} SLO: error budget remaining and compliance (${SLO_PERIOD_DAYS} d)`, `Target ${objective}: share of the ${SLO_PERIOD_DAYS}-day error budget left, and the share of good events against the target.`, "percentunit", [
                { expr: `1 - ${long}${at} / ${budget}`, legendFormat: "error budget remaining" },
                { expr: `1 - ${long}${at}`, legendFormat: `compliance (${SLO_PERIOD_DAYS} d)` },
                { expr: `vector(${objective})`, legendFormat: "SLO target" },
            ]),
            panel(firstId + 2 * i + 1, `${sli.name} SLO: burn rate per window`, "Error ratio divided by the error budget: 1 spends the budget exactly in the period; the alerts fire at 14.4 (1 h), 6 (6 h), 3 (1 d) and 1 (3 d).", "short", ERROR_RATIO_WINDOWS.map((window) => ({ expr: `${sliRecord(sli.name, window)}${at} / ${budget}`, legendFormat: `burn rate ${window}` }))),
        ];
    });
}

export function dashboardModel(spec: WorkloadSpec) {
    return {
        uid: dashboardUid(spec),
        title: `${APP_NAME} (${spec.stackName})`,
        tags: ["platform", APP_NAME, spec.stackName],
        timezone: "utc",
        editable: false,
        graphTooltip: 1,
        schemaVersion: 39,
        version: 1,
        refresh: "30s",
        time: { from: "now-6h", to: "now" },
        templating: {
            list: [{ name: "datasource", label: "Data source", type: "datasource", query: "prometheus", current: {}, hide: 0 }],
        },
        // Every firing alert of the namespace, drawn on all panels: burn rates and budget beside what fired.
        annotations: {
            list: [
                {
                    name: "Alerts",
                    datasource: DATASOURCE,
                    enable: true,
                    iconColor: "red",
                    expr: `ALERTS{namespace="${spec.namespace}",alertstate="firing"}`,
                    step: "60s",
                    titleFormat: "{{alertname}}",
                    textFormat: "{{severity}} {{slo}}",
                    useValueForTime: false,
                },
            ],
        },
        links: [],
        panels: dashboardPanels(spec),
    };
}
