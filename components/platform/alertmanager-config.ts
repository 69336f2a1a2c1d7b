// The Alertmanager configuration (Alertmanager v0.34 schema, the subset we use). The receiver URL is never
// in it: it is read from a file mounted from a Kubernetes Secret (`url_file` / `api_url_file`).
//
// Severities: the app's rules emit `page`, `ticket` and `warning`; the chart's default rules emit `critical`,
// `warning`, `info` (and `none` for Watchdog). Pages wake a person now; everything else becomes a ticket.
import type { MonitoringConfig } from "../../stacks";
import { NOTIFICATION_TEMPLATE_GLOB, SLACK_TEXT, SLACK_TITLE } from "./alertmanager-templates";

/** Kubernetes Secret in the monitoring namespace holding the receiver URL; mounted via alertmanagerSpec.secrets. */
export const ALERT_RECEIVER_SECRET = { name: "alertmanager-receiver", key: "url" } as const;
/** Where the Prometheus Operator mounts `alertmanagerSpec.secrets` entries. */
export const ALERT_RECEIVER_URL_FILE = `/etc/alertmanager/secrets/${ALERT_RECEIVER_SECRET.name}/${ALERT_RECEIVER_SECRET.key}`;

/** Receiver names; a webhook consumer tells pages from tickets by the payload's `receiver`. */
export const RECEIVERS = { null: "null", page: "page", ticket: "ticket" } as const;

/** Severities that page (ours, then the chart's) and that open a ticket. */
export const PAGE_SEVERITIES = ["page", "critical"] as const;
export const TICKET_SEVERITIES = ["ticket", "warning", "info"] as const;

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
 */
export const ROUTE_TIMING: Record<"page" | "ticket", RouteTiming> = {
    page: { group_wait: "30s", group_interval: "5m", repeat_interval: "1h" },
    ticket: { group_wait: "5m", group_interval: "30m", repeat_interval: "24h" },
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
interface Receiver {
    name: string;
    webhook_configs?: WebhookConfig[];
    slack_configs?: SlackConfig[];
}
export interface Route extends Partial<RouteTiming> {
    receiver: string;
    matchers?: string[];
    group_by?: string[];
    routes?: Route[];
}
interface InhibitRule {
    source_matchers: string[];
    target_matchers: string[];
    equal: string[];
}
export interface AlertmanagerConfig {
    global: { resolve_timeout: string };
    route: Route;
    receivers: Receiver[];
    inhibit_rules: InhibitRule[];
    templates: string[];
}

const severityIn = (severities: readonly string[]) => `severity =~ "${severities.join("|")}"`;

/** The integrations of the page and ticket receivers; none for `alertReceiver: none` (alerts stay in Alertmanager's UI). */
function integrations(cfg: MonitoringConfig): Omit<Receiver, "name"> {
    switch (cfg.alertReceiver) {
        case "none":
            return {};
        case "webhook":
            // The webhook body is Alertmanager's fixed JSON: every alert with its labels (stack, severity) and annotations.
            return { webhook_configs: [{ url_file: ALERT_RECEIVER_URL_FILE, send_resolved: true }] };
        case "slack":
            if (cfg.slackChannel === undefined) throw new Error(`monitoring.slackChannel = (missing): required when monitoring.alertReceiver is "slack"`);
            return { slack_configs: [{ api_url_file: ALERT_RECEIVER_URL_FILE, channel: cfg.slackChannel, send_resolved: true, title: SLACK_TITLE, text: SLACK_TEXT }] };
    }
}

/** True when the config needs the receiver URL Secret mounted into Alertmanager. */
export function needsReceiverSecret(cfg: MonitoringConfig): boolean {
    return cfg.alertReceiver !== "none";
}

export function alertmanagerConfig(cfg: MonitoringConfig): AlertmanagerConfig {
    const delivery = integrations(cfg);
    return {
        global: { resolve_timeout: "5m" },
        route: {
            // Anything with an unexpected severity still reaches a person, as a ticket.
            receiver: RECEIVERS.ticket,
            group_by: [...GROUP_BY],
            ...ROUTE_TIMING.ticket,
            routes: [
                // Watchdog always fires (it proves the pipeline works) and InfoInhibitor only exists to inhibit;
                // neither should reach anyone. Route Watchdog to a dead man's switch here once one exists.
                { receiver: RECEIVERS.null, matchers: ['alertname = "Watchdog"'] },
                { receiver: RECEIVERS.null, matchers: ['alertname = "InfoInhibitor"'] },
                { receiver: RECEIVERS.page, matchers: [severityIn(PAGE_SEVERITIES)], group_by: [...GROUP_BY], ...ROUTE_TIMING.page },
                { receiver: RECEIVERS.ticket, matchers: [severityIn(TICKET_SEVERITIES)], group_by: [...GROUP_BY], ...ROUTE_TIMING.ticket },
            ],
        },
        receivers: [{ name: RECEIVERS.null }, { name: RECEIVERS.page, ...delivery }, { name: RECEIVERS.ticket, ...delivery }],
        inhibit_rules: [
            // An incident that already pages mutes its own ticket-level alerts (e.g. the 1 d / 3 d burn tickets and
            // TargetDown of the same outage). Only namespaced pages: a missing label counts as equal in Alertmanager,
            // so a cluster-level page would otherwise mute every cluster-level ticket.
            { source_matchers: [severityIn(PAGE_SEVERITIES), 'namespace =~ ".+"'], target_matchers: [severityIn(TICKET_SEVERITIES)], equal: ["namespace"] },
            // The chart's convention: a warning mutes the info alert of the same name.
            { source_matchers: ['severity = "warning"'], target_matchers: ['severity = "info"'], equal: ["alertname", "namespace"] },
            // The chart's InfoInhibitor fires while a namespace has info alerts only; it mutes that info noise.
            { source_matchers: ['alertname = "InfoInhibitor"'], target_matchers: ['severity = "info"'], equal: ["namespace"] },
        ],
        templates: [NOTIFICATION_TEMPLATE_GLOB],
    };
}
