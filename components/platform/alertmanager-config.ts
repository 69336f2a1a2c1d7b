// The Alertmanager configuration (Alertmanager v0.34 schema, the subset we use). No destination is in it:
// each integration reads its URL or key from a file mounted from a Kubernetes Secret (`*_file` fields).
//
// Severities: the app's rules emit `page`, `ticket` and `warning`; the chart's default rules emit `critical`,
// `warning`, `info` (and `none` for Watchdog). Pages wake a person now; everything else becomes a ticket.
// Pages, tickets and the Watchdog heartbeat each have their own destination (stacks/ refuses prod configs
// that share one), so a broken chat webhook cannot also silence the pager, and a dead Alertmanager is noticed
// by the heartbeat service when the Watchdog stops arriving.
import type { MonitoringConfig } from "../../stacks";
import { NOTIFICATION_TEMPLATE_GLOB, NOTIFICATION_TEXT, NOTIFICATION_TITLE } from "./alertmanager-templates";

/**
 * Kubernetes Secret in the monitoring namespace holding one key per destination; mounted via
 * alertmanagerSpec.secrets. Only the keys a stack's receivers use are present.
 */
export const ALERT_RECEIVER_SECRET = { name: "alertmanager-receiver", keys: { ticket: "ticket-url", page: "page-key", heartbeat: "heartbeat-url" } } as const;
export type Destination = keyof typeof ALERT_RECEIVER_SECRET.keys;
/** Where the Prometheus Operator mounts `alertmanagerSpec.secrets` entries. */
export const destinationFile = (destination: Destination) => `/etc/alertmanager/secrets/${ALERT_RECEIVER_SECRET.name}/${ALERT_RECEIVER_SECRET.keys[destination]}`;

/** Receiver names; a webhook consumer tells pages from tickets by the payload's `receiver`. */
export const RECEIVERS = { null: "null", page: "page", ticket: "ticket", heartbeat: "heartbeat" } as const;

/** Severities that page (ours, then the chart's) and that open a ticket. */
export const PAGE_SEVERITIES = ["page", "critical"] as const;
export const TICKET_SEVERITIES = ["ticket", "warning", "info"] as const;

/** The chart's always-firing alert: it proves that rules are evaluated and alerts delivered. */
export const WATCHDOG = "Watchdog";
/** The chart's alerts about Alertmanager failing to deliver, labelled with the failing `integration`. */
const SEND_FAILURE_ALERTS = ["AlertmanagerFailedToSendAlerts", "AlertmanagerClusterFailedToSendAlerts"];

/**
 * One notification per namespace and route: the burn-rate pages of one outage (1 h and 6 h windows) are one
 * page, not one per alert. Cluster-level alerts (no namespace label) share one group.
 */
const GROUP_BY = ["namespace"];

export interface RouteTiming {
    group_wait: string;
    group_interval: string;
    repeat_interval: string;
}
/**
 * Pages: first notice 30 s after the first alert (lets the other alerts of the incident join), updates every
 * 5 m, reminder every hour while it fires. Tickets: 5 m to collect, updates at most every 30 m, reminder daily.
 * Heartbeat: the Watchdog at once, then every 5 minutes, so a heartbeat check with a 10-15 minute grace
 * period notices within a quarter of an hour that nothing arrives any more.
 */
export const ROUTE_TIMING: Record<"page" | "ticket" | "heartbeat", RouteTiming> = {
    page: { group_wait: "30s", group_interval: "5m", repeat_interval: "1h" },
    ticket: { group_wait: "5m", group_interval: "30m", repeat_interval: "24h" },
    heartbeat: { group_wait: "0s", group_interval: "1m", repeat_interval: "5m" },
};

interface WebhookConfig {
    url_file: string;
    send_resolved: boolean;
}
interface SlackConfig {
    api_url_file: string;
    channel: string;
    send_resolved: boolean;
    title: string;
    text: string;
}
interface PagerdutyConfig {
    routing_key_file: string;
    send_resolved: boolean;
    description: string;
    details: Record<string, string>;
}
interface OpsgenieConfig {
    api_key_file: string;
    send_resolved: boolean;
    message: string;
    description: string;
    priority: string;
}
interface Receiver {
    name: string;
    webhook_configs?: WebhookConfig[];
    slack_configs?: SlackConfig[];
    pagerduty_configs?: PagerdutyConfig[];
    opsgenie_configs?: OpsgenieConfig[];
}
export interface Route extends Partial<RouteTiming> {
    receiver: string;
    matchers?: string[];
    group_by?: string[];
    routes?: Route[];
}
interface InhibitRule {
    source_matchers?: string[];
    target_matchers: string[];
    equal?: string[];
}
export interface AlertmanagerConfig {
    global: { resolve_timeout: string };
    route: Route;
    receivers: Receiver[];
    inhibit_rules: InhibitRule[];
    templates: string[];
}

const severityIn = (severities: readonly string[]) => `severity =~ "${severities.join("|")}"`;
const webhook = (destination: Destination): Omit<Receiver, "name"> => ({ webhook_configs: [{ url_file: destinationFile(destination), send_resolved: destination !== "heartbeat" }] });

/** The ticket destination: chat or a ticket system; none keeps tickets in Alertmanager's UI only. */
function ticketIntegrations(cfg: MonitoringConfig): Omit<Receiver, "name"> {
    switch (cfg.ticketReceiver) {
        case "none":
            return {};
        case "webhook":
            // Alertmanager's fixed JSON body: every alert with its labels (stack, namespace, severity) and annotations.
            return webhook("ticket");
        case "slack":
            if (cfg.slackChannel === undefined) throw new Error(`monitoring.slackChannel = (missing): required when monitoring.ticketReceiver is "slack"`);
            return { slack_configs: [{ api_url_file: destinationFile("ticket"), channel: cfg.slackChannel, send_resolved: true, title: NOTIFICATION_TITLE, text: NOTIFICATION_TEXT }] };
    }
}

/** The paging destination; without one (staging) pages go to the ticket destination, marked PAGE, waking nobody. */
function pageIntegrations(cfg: MonitoringConfig): Omit<Receiver, "name"> {
    const file = destinationFile("page");
    switch (cfg.pageReceiver) {
        case "none":
            return ticketIntegrations(cfg);
        case "webhook":
            return webhook("page");
        case "pagerduty":
            // Events API v2 (routing key). The incident title and the full text of every alert, links included.
            return { pagerduty_configs: [{ routing_key_file: file, send_resolved: true, description: NOTIFICATION_TITLE, details: { alerts: NOTIFICATION_TEXT } }] };
        case "opsgenie":
            return { opsgenie_configs: [{ api_key_file: file, send_resolved: true, message: NOTIFICATION_TITLE, description: NOTIFICATION_TEXT, priority: "P1" }] };
    }
}

/** The Secret keys a config reads (none: nothing to mount). */
export function destinationsUsed(cfg: MonitoringConfig): Destination[] {
    const used: Destination[] = [];
    if (cfg.ticketReceiver !== "none") used.push("ticket");
    if (cfg.pageReceiver !== "none") used.push("page");
    if (cfg.heartbeatReceiver !== "none") used.push("heartbeat");
    return used;
}

/** The integration name Alertmanager's own metrics (and the chart's send-failure alerts) give the page destination. */
const PAGE_INTEGRATION: Record<MonitoringConfig["pageReceiver"], string | undefined> = { none: undefined, webhook: "webhook", pagerduty: "pagerduty", opsgenie: "opsgenie" };
const TICKET_INTEGRATION: Record<MonitoringConfig["ticketReceiver"], string | undefined> = { none: undefined, webhook: "webhook", slack: "slack" };

/**
 * A failing page integration cannot report its own failure: its send-failure alerts go to the ticket
 * destination instead (and a failing ticket integration's, by severity, to the page route as usual).
 * Only when the two integrations differ in kind, since the alert names the kind, not the destination.
 */
function sendFailureRoutes(cfg: MonitoringConfig): Route[] {
    const page = PAGE_INTEGRATION[cfg.pageReceiver];
    if (page === undefined || page === TICKET_INTEGRATION[cfg.ticketReceiver] || cfg.ticketReceiver === "none") return [];
    return [{ receiver: RECEIVERS.ticket, matchers: [`alertname =~ "${SEND_FAILURE_ALERTS.join("|")}"`, `integration = "${page}"`], group_by: [...GROUP_BY], ...ROUTE_TIMING.page }];
}

/**
 * Inhibitions scoped to one incident. A missing label counts as equal in Alertmanager, so every rule names
 * the labels that identify the incident.
 */
const INHIBIT_RULES: InhibitRule[] = [
    // A burn-rate page mutes the slow-burn tickets of the same SLO of the same service, nothing else: the
    // responder still sees KubePodCrashLooping and the restart alert of that namespace.
    { source_matchers: ['severity = "page"', 'slo =~ ".+"'], target_matchers: ['severity = "ticket"', 'slo =~ ".+"'], equal: ["namespace", "job", "slo"] },
    // The chart's rules: a critical mutes the warning and info of the same alert in the same namespace, a
    // warning the info of the same alert; InfoInhibitor mutes a namespace's info noise and is itself never sent.
    { source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ["namespace", "alertname"] },
    { source_matchers: ['severity = "warning"'], target_matchers: ['severity = "info"'], equal: ["namespace", "alertname"] },
    { source_matchers: ['alertname = "InfoInhibitor"'], target_matchers: ['severity = "info"'], equal: ["namespace"] },
];

export function alertmanagerConfig(cfg: MonitoringConfig): AlertmanagerConfig {
    const heartbeat = cfg.heartbeatReceiver === "none" ? RECEIVERS.null : RECEIVERS.heartbeat;
    return {
        global: { resolve_timeout: "5m" },
        route: {
            // Anything with an unexpected severity still reaches a person, as a ticket.
            receiver: RECEIVERS.ticket,
            group_by: [...GROUP_BY],
            ...ROUTE_TIMING.ticket,
            routes: [
                // Watchdog always fires: a heartbeat service expects it every few minutes and alerts when it stops.
                { receiver: heartbeat, matchers: [`alertname = "${WATCHDOG}"`], group_by: ["alertname"], ...ROUTE_TIMING.heartbeat },
                // InfoInhibitor only exists to inhibit.
                { receiver: RECEIVERS.null, matchers: ['alertname = "InfoInhibitor"'] },
                ...sendFailureRoutes(cfg),
                { receiver: RECEIVERS.page, matchers: [severityIn(PAGE_SEVERITIES)], group_by: [...GROUP_BY], ...ROUTE_TIMING.page },
                { receiver: RECEIVERS.ticket, matchers: [severityIn(TICKET_SEVERITIES)], group_by: [...GROUP_BY], ...ROUTE_TIMING.ticket },
            ],
        },
        receivers: [
            { name: RECEIVERS.null },
            { name: RECEIVERS.page, ...pageIntegrations(cfg) },
            { name: RECEIVERS.ticket, ...ticketIntegrations(cfg) },
            ...(cfg.heartbeatReceiver === "none" ? [] : [{ name: RECEIVERS.heartbeat, ...webhook("heartbeat") }]),
        ],
        inhibit_rules: INHIBIT_RULES.map((rule) => ({ ...rule })),
        templates: [NOTIFICATION_TEMPLATE_GLOB],
    };
}
