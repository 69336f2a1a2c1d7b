// Facts about Grafana shared by the platform (which configures it) and the app (which ships a dashboard).

/**
 * Grafana's dashboard sidecar loads every ConfigMap carrying this label, from every namespace. The platform sets
 * it explicitly in the chart values (monitoring-values.ts) rather than relying on the chart's default.
 */
export const GRAFANA_DASHBOARD_LABEL = { key: "grafana_dashboard", value: "1" } as const;
