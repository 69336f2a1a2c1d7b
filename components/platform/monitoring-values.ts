// Typed values for the kube-prometheus-stack chart (at the version pinned in charts.ts): only the keys we set, spelled as in the
// chart's values.yaml (and its grafana / prometheus-node-exporter subcharts). Pure and unit-tested.
import type { ClusterConfig, MonitoringConfig } from "../../stacks";
import { ALERT_RECEIVER_SECRET, alertmanagerConfig, destinationsUsed, type AlertmanagerConfig } from "./alertmanager-config";
import { NOTIFICATION_TEMPLATES, STACK_LABEL } from "./alertmanager-templates";
import { crdUpgradeValues, type CrdValues } from "./monitoring-crds";
import { GRAFANA_DASHBOARD_LABEL } from "../grafana";
import { containerResources, type ContainerResources } from "../resources";
import { antiAffinityFor, isReplicated, MATCH_ALL, type MatchAll } from "./values-common";

/** AKS built-in StorageClass (Azure Disk CSI, Standard SSD); it binds on first consumer, in the pod's zone. */
export const AKS_STORAGE_CLASS = "managed-csi";
/** Kubernetes Secret holding Grafana's admin credentials (keys as the chart expects them). */
export const GRAFANA_ADMIN_SECRET = { name: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" } as const;

/**
 * Requests/limits; the same on every stack: Prometheus memory follows the number of active series
 * (the same platform everywhere), not retention, which lives on disk.
 */
const MONITORING_RESOURCES = {
    prometheus: containerResources(250, 1024, 2048),
    alertmanager: containerResources(20, 64, 128),
    grafana: containerResources(50, 256, 512),
    operator: containerResources(50, 128, 256),
} as const;

type AntiAffinity = "hard" | "soft" | "";
type StorageSpec = { emptyDir: Record<string, never> } | { volumeClaimTemplate: { spec: { storageClassName: string; accessModes: ["ReadWriteOnce"]; resources: { requests: { storage: string } } } } };

interface PrometheusSpecValues {
    /** Added to every alert Prometheus sends: notifications name the stack. */
    externalLabels: Record<typeof STACK_LABEL, string>;
    /** Where a person opens Prometheus: the source link (generatorURL) of every alert points here. */
    externalUrl: string;
    replicas: number;
    retention: string;
    retentionSize?: string;
    storageSpec: StorageSpec;
    podAntiAffinity: AntiAffinity;
    podAntiAffinityTopologyKey: string;
    resources: ContainerResources;
    // With *NilUsesHelmValues false an empty selector means "all": objects need no release label.
    ruleSelectorNilUsesHelmValues: false;
    ruleSelector: MatchAll;
    ruleNamespaceSelector: MatchAll;
    serviceMonitorSelectorNilUsesHelmValues: false;
    serviceMonitorSelector: MatchAll;
    serviceMonitorNamespaceSelector: MatchAll;
    podMonitorSelectorNilUsesHelmValues: false;
    podMonitorSelector: MatchAll;
    podMonitorNamespaceSelector: MatchAll;
    probeSelectorNilUsesHelmValues: false;
    probeSelector: MatchAll;
    probeNamespaceSelector: MatchAll;
    scrapeConfigSelectorNilUsesHelmValues: false;
    scrapeConfigSelector: MatchAll;
    scrapeConfigNamespaceSelector: MatchAll;
}

interface PdbValues {
    enabled: boolean;
    minAvailable: number;
}

export interface KubePrometheusStackValues {
    crds: CrdValues;
    alertmanager: {
        config: AlertmanagerConfig;
        /** Go template files, mounted beside the config (chart default path /etc/alertmanager/config/). */
        templateFiles: Record<string, string>;
        podDisruptionBudget: PdbValues;
        /** externalUrl: the base of the silence and alert links in every notification. */
        alertmanagerSpec: { externalUrl: string; replicas: number; resources: ContainerResources; podAntiAffinity: AntiAffinity; podAntiAffinityTopologyKey: string; secrets: string[] };
    };
    grafana: {
        replicas: number;
        resources: ContainerResources;
        podDisruptionBudget: { minAvailable?: number };
        admin: { existingSecret: string; userKey: string; passwordKey: string };
        sidecar: { dashboards: { enabled: boolean; label: string; labelValue: string; searchNamespace: "ALL" } };
        /** server.root_url: Grafana's own links (and the dashboard links in notifications) use this address. */
        "grafana.ini": { server: { root_url: string } };
    };
    prometheus: { podDisruptionBudget: PdbValues; prometheusSpec: PrometheusSpecValues };
    prometheusOperator: { resources: ContainerResources };
    kubeControllerManager: { enabled: boolean };
    kubeScheduler: { enabled: boolean };
    kubeEtcd: { enabled: boolean };
    kubeProxy: { enabled: boolean };
    "prometheus-node-exporter": { hostRootFsMount: { enabled: boolean } };
}

export function prometheusStorage(cfg: MonitoringConfig, clusterKind: ClusterConfig["kind"]): Pick<PrometheusSpecValues, "storageSpec" | "retentionSize"> {
    // kind nodes are containers: any volume there dies with the cluster, so it keeps data in an emptyDir.
    if (clusterKind !== "aks" || cfg.prometheusStorageGiB === 0) return { storageSpec: { emptyDir: {} } };
    const size = cfg.prometheusStorageGiB;
    return {
        storageSpec: {
            volumeClaimTemplate: { spec: { storageClassName: AKS_STORAGE_CLASS, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: `${size}Gi` } } } },
        },
        // Size-based retention as a floor under time-based retention: a full disk stops ingestion entirely.
        retentionSize: `${Math.max(1, Math.floor(size * 0.85))}GiB`,
    };
}

function pdb(replicas: number): PdbValues {
    return { enabled: isReplicated(replicas), minAvailable: 1 };
}

export function monitoringValues(cfg: MonitoringConfig, cluster: ClusterConfig, stackName: string): KubePrometheusStackValues {
    const hostname = "kubernetes.io/hostname";
    // AKS runs the control plane out of reach (no controller-manager, scheduler or etcd endpoints), and
    // Cilium replaces kube-proxy. kind's control-plane components and kube-proxy bind their metrics to
    // 127.0.0.1 (kubeadm/kind defaults), so scraping them from a pod fails: their targets would only
    // produce TargetDown alerts.
    const kubeProxy = cluster.kind === "aks" && cluster.networkPolicy !== "cilium";
    return {
        crds: crdUpgradeValues(),
        alertmanager: {
            config: alertmanagerConfig(cfg),
            templateFiles: NOTIFICATION_TEMPLATES,
            podDisruptionBudget: pdb(cfg.alertmanagerReplicas),
            alertmanagerSpec: {
                externalUrl: cfg.externalUrls.alertmanager,
                replicas: cfg.alertmanagerReplicas,
                resources: MONITORING_RESOURCES.alertmanager,
                podAntiAffinity: antiAffinityFor(cfg.alertmanagerReplicas),
                podAntiAffinityTopologyKey: hostname,
                secrets: destinationsUsed(cfg).length > 0 ? [ALERT_RECEIVER_SECRET.name] : [],
            },
        },
        grafana: {
            replicas: cfg.grafanaReplicas,
            resources: MONITORING_RESOURCES.grafana,
            podDisruptionBudget: isReplicated(cfg.grafanaReplicas) ? { minAvailable: 1 } : {},
            admin: { existingSecret: GRAFANA_ADMIN_SECRET.name, userKey: GRAFANA_ADMIN_SECRET.userKey, passwordKey: GRAFANA_ADMIN_SECRET.passwordKey },
            sidecar: { dashboards: { enabled: true, label: GRAFANA_DASHBOARD_LABEL.key, labelValue: GRAFANA_DASHBOARD_LABEL.value, searchNamespace: "ALL" } },
            "grafana.ini": { server: { root_url: cfg.externalUrls.grafana } },
        },
        prometheus: {
            podDisruptionBudget: pdb(cfg.prometheusReplicas),
            prometheusSpec: {
                externalLabels: { [STACK_LABEL]: stackName },
                externalUrl: cfg.externalUrls.prometheus,
                replicas: cfg.prometheusReplicas,
                retention: cfg.retention,
                ...prometheusStorage(cfg, cluster.kind),
                podAntiAffinity: antiAffinityFor(cfg.prometheusReplicas),
                podAntiAffinityTopologyKey: hostname,
                resources: MONITORING_RESOURCES.prometheus,
                ruleSelectorNilUsesHelmValues: false,
                ruleSelector: MATCH_ALL,
                ruleNamespaceSelector: MATCH_ALL,
                serviceMonitorSelectorNilUsesHelmValues: false,
                serviceMonitorSelector: MATCH_ALL,
                serviceMonitorNamespaceSelector: MATCH_ALL,
                podMonitorSelectorNilUsesHelmValues: false,
                podMonitorSelector: MATCH_ALL,
                podMonitorNamespaceSelector: MATCH_ALL,
                probeSelectorNilUsesHelmValues: false,
                probeSelector: MATCH_ALL,
                probeNamespaceSelector: MATCH_ALL,
                scrapeConfigSelectorNilUsesHelmValues: false,
                scrapeConfigSelector: MATCH_ALL,
                scrapeConfigNamespaceSelector: MATCH_ALL,
            },
        },
        prometheusOperator: { resources: MONITORING_RESOURCES.operator },
        kubeControllerManager: { enabled: false },
        kubeScheduler: { enabled: false },
        kubeEtcd: { enabled: false },
        kubeProxy: { enabled: kubeProxy },
        // Docker-backed kind nodes do not mount / as shared, so the rslave root mount fails to start there.
        "prometheus-node-exporter": { hostRootFsMount: { enabled: cluster.kind !== "kind" } },
    };
}
