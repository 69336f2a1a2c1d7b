import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { GRAFANA_DASHBOARD_LABEL } from "../../grafana";
import { alertRuleGroups } from "../monitoring/alert-rules";
import { dashboardModel } from "../monitoring/dashboard";
import { APP_NAME, HTTP_PORT_NAME } from "../names";
import { commonLabels, selectorLabels, type WorkloadSpec } from "../spec";

const DASHBOARD_CONFIG_MAP = `${APP_NAME}-dashboard`;

export function appServiceMonitor(spec: WorkloadSpec): IServiceMonitor {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "ServiceMonitor",
        metadata: { name: APP_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: {
            selector: { matchLabels: selectorLabels(spec) },
            namespaceSelector: { matchNames: [spec.namespace] },
            endpoints: [{ port: HTTP_PORT_NAME, path: "/metrics", interval: "30s", scrapeTimeout: "10s" }],
        },
    };
}

export function appPrometheusRule(spec: WorkloadSpec): IPrometheusRule {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "PrometheusRule",
        metadata: { name: APP_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: { groups: alertRuleGroups(spec) },
    };
}

export function appDashboard(spec: WorkloadSpec): IConfigMap {
    return {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: DASHBOARD_CONFIG_MAP, namespace: spec.namespace, labels: { ...commonLabels(spec), [GRAFANA_DASHBOARD_LABEL.key]: GRAFANA_DASHBOARD_LABEL.value } },
        data: { [`${APP_NAME}.json`]: `${JSON.stringify(dashboardModel(spec), null, 2)}\n` },
    };
}
