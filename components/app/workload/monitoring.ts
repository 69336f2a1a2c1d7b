import type { IProbe } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Probe";
import type { IPrometheusRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/PrometheusRule";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { GRAFANA_DASHBOARD_LABEL } from "../../grafana";
import { alertRuleGroups } from "../monitoring/alert-rules";
import { dashboardModel } from "../monitoring/dashboard";
import { PROBE_JOB } from "../monitoring/queries";
import { APP_NAME, APP_PORT, HTTP_PORT_NAME } from "../names";
import { BLACKBOX_EXPORTER } from "../../platform";
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

/**
 * The client-side view: the blackbox exporter (monitoring namespace) requests the Service's user route every
 * 30 s, the way a client inside the cluster does. When nothing answers, the probe SLI burns its budget even
 * though no 5xx is ever served. The app's NetworkPolicy admits the monitoring namespace on the app port.
 */
export function appProbe(spec: WorkloadSpec): IProbe {
    return {
        apiVersion: "monitoring.coreos.com/v1",
        kind: "Probe",
        metadata: { name: APP_NAME, namespace: spec.namespace, labels: commonLabels(spec) },
        spec: {
            jobName: PROBE_JOB,
            prober: { url: BLACKBOX_EXPORTER.address },
            module: BLACKBOX_EXPORTER.httpModule,
            interval: "30s",
            scrapeTimeout: "10s",
            targets: { staticConfig: { static: [`http://${APP_NAME}.${spec.namespace}.svc:${APP_PORT}/`], labels: { namespace: spec.namespace } } },
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
