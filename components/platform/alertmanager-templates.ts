// Notification text shipped with the Alertmanager config (the chart's `alertmanager.templateFiles`, mounted
// beside the config). Alertmanager's default Slack text is empty; these put in every message what a person
// needs to act, from a phone: which stack and namespace, what is wrong, the measured value, the runbook, the
// dashboard, and a link that opens a silence for exactly this group. Links use the external URLs of the stack
// (Alertmanager's --web.external-url is `.ExternalURL`; the rules put Grafana's in `dashboard_url`).

/** Prometheus external label naming the stack; every alert carries it (monitoring-values.ts sets it). */
export const STACK_LABEL = "stack";

/** The chart mounts `templateFiles` entries in the config directory; the config loads them by this glob. */
export const NOTIFICATION_TEMPLATE_GLOB = "/etc/alertmanager/config/*.tmpl";
const NOTIFICATION_TEMPLATE_FILE = "platform.tmpl";

// Go templates (Alertmanager's notification data: .Receiver, .Status, .GroupLabels, .CommonLabels, .Alerts).
// `.Receiver` is the route's receiver (page / ticket), which says how urgent the message is.
const TEMPLATES = `{{ define "platform.kind" }}{{ if eq .Receiver "page" }}PAGE{{ else }}TICKET{{ end }}{{ end }}

{{ define "platform.title" -}}
[{{ template "platform.kind" . }}{{ if eq .Status "resolved" }} resolved{{ end }}] {{ or .CommonLabels.${STACK_LABEL} "unknown stack" }}{{ with .GroupLabels.namespace }}/{{ . }}{{ end }}: {{ len .Alerts.Firing }} firing, {{ len .Alerts.Resolved }} resolved
{{- end }}

{{ define "platform.alert" -}}
{{ .Labels.alertname }} ({{ .Labels.severity }}, {{ .Status }})
Summary: {{ or .Annotations.summary "(none)" }}
Description: {{ or .Annotations.description "(none)" }}
Value: {{ or .Annotations.value "(not measured)" }}
Stack: {{ or .Labels.${STACK_LABEL} "unknown" }}{{ with .Labels.namespace }}, namespace {{ . }}{{ end }}
Runbook: {{ or .Annotations.runbook_url "(none)" }}
Dashboard: {{ or .Annotations.dashboard_url "(none)" }}
Source: {{ .GeneratorURL }}
Started: {{ .StartsAt.UTC.Format "2006-01-02 15:04:05 MST" }}
{{- end }}

{{ define "platform.silence" -}}
{{ .ExternalURL }}/#/silences/new?filter=%7B{{ range $i, $pair := .GroupLabels.SortedPairs }}{{ if $i }}%2C{{ end }}{{ $pair.Name }}%3D%22{{ $pair.Value | urlquery }}%22{{ end }}%7D
{{- end }}

{{ define "platform.text" -}}
{{ range .Alerts.Firing }}{{ template "platform.alert" . }}

{{ end }}{{ range .Alerts.Resolved }}{{ template "platform.alert" . }}

{{ end }}Silence this group: {{ template "platform.silence" . }}
Alertmanager: {{ .ExternalURL }}
{{- end }}
`;

export const NOTIFICATION_TEMPLATES: Record<string, string> = { [NOTIFICATION_TEMPLATE_FILE]: TEMPLATES };

/** Title and body of every templated integration (Slack, PagerDuty, Opsgenie). */
export const NOTIFICATION_TITLE = '{{ template "platform.title" . }}';
export const NOTIFICATION_TEXT = '{{ template "platform.text" . }}';
