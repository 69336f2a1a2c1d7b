// The Alertmanager configuration (Alertmanager v0.34 schema, the subset we use). The receiver URL is never
// in it: it is read from a file mounted from a Kubernetes Secret (`url_file` / `api_url_file`).
import type { MonitoringConfig } from "../../stacks/schema";

/** Kubernetes Secret in the monitoring namespace holding the receiver URL; mounted via alertmanagerSpec.secrets. */
export const ALERT_RECEIVER_SECRET = { name: "alertmanager-receiver", key: "url" } as const;
/** Where the Prometheus Operator mounts `alertmanagerSpec.secrets` entries. */
export const ALERT_RECEIVER_URL_FILE = `/etc/alertmanager/secrets/${ALERT_RECEIVER_SECRET.name}/${ALERT_RECEIVER_SECRET.key}`;

export const NULL_RECEIVER = "null";
export const DEFAULT_RECEIVER = "default";

interface WebhookConfig {
    url_file: string;
    send_resolved: boolean;
}
interface SlackConfig {
    api_url_file: string;
    channel: string;
    send_resolved: boolean;
}
export interface Receiver {
    name: string;
    webhook_configs?: WebhookConfig[];
    slack_configs?: SlackConfig[];
}
export interface Route {
    receiver: string;
    matchers?: string[];
    group_by?: string[];
    group_wait?: string;
    group_interval?: string;
    repeat_interval?: string;
    routes?: Route[];
}
export interface InhibitRule {
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

function defaultReceiver(cfg: MonitoringConfig): Receiver | undefined {
    switch (cfg.alertReceiver) {
        case "none":
            return undefined;
        case "webhook":
            return { name: DEFAULT_RECEIVER, webhook_configs: [{ url_file: ALERT_RECEIVER_URL_FILE, send_resolved: true }] };
        case "slack":
            if (cfg.slackChannel === undefined) throw new Error(`monitoring.slackChannel = (missing): required when monitoring.alertReceiver is "slack"`);
            return { name: DEFAULT_RECEIVER, slack_configs: [{ api_url_file: ALERT_RECEIVER_URL_FILE, channel: cfg.slackChannel, send_resolved: true }] };
    }
}

/** True when the config needs the receiver URL Secret mounted into Alertmanager. */
export function needsReceiverSecret(cfg: MonitoringConfig): boolean {
    return cfg.alertReceiver !== "none";
}

export function alertmanagerConfig(cfg: MonitoringConfig): AlertmanagerConfig {
    const receiver = defaultReceiver(cfg);
    return {
        global: { resolve_timeout: "5m" },
        route: {
            receiver: receiver?.name ?? NULL_RECEIVER,
            group_by: ["alertname", "namespace", "severity"],
            group_wait: "30s",
            group_interval: "5m",
            repeat_interval: "4h",
            // Watchdog always fires (it proves the pipeline works) and InfoInhibitor only exists to inhibit;
            // neither should page anyone. Route Watchdog to a dead man's switch here once one exists.
            routes: [
                { receiver: NULL_RECEIVER, matchers: ['alertname = "Watchdog"'] },
                { receiver: NULL_RECEIVER, matchers: ['alertname = "InfoInhibitor"'] },
            ],
        },
        receivers: [{ name: NULL_RECEIVER }, ...(receiver ? [receiver] : [])],
        inhibit_rules: [
            { source_matchers: ['severity = "critical"'], target_matchers: ['severity = "warning"'], equal: ["alertname", "namespace"] },
            { source_matchers: ['severity = "warning"'], target_matchers: ['severity = "info"'], equal: ["alertname", "namespace"] },
            // The chart's InfoInhibitor fires while a namespace has warnings/criticals; it mutes info noise there.
            { source_matchers: ['alertname = "InfoInhibitor"'], target_matchers: ['severity = "info"'], equal: ["namespace"] },
        ],
        templates: ["/etc/alertmanager/config/*.tmpl"],
    };
}
