// Named per-environment defaults. A stack file selects one with `environment` (default: the stack
// name) and overrides only what differs, so every environment difference stays visible in code review.
import { KIND_NODE_IMAGE } from "../versions";
import type { PlainStackConfig } from "./schema";

export type Environment = PlainStackConfig["environment"];

/** One AKS VM size for all pools keeps quota requests simple; 4 vCPU / 16 GiB with local temp disk. */
const AKS_VM_SIZE = "Standard_D4ds_v5";

/** What the AKS environments share; each preset below spells out only where they differ. */
const aksCommon = {
    kind: "aks",
    location: "westeurope",
    adminGroupObjectIds: [] as string[],
    networkPolicy: "cilium",
    podCidr: "10.244.0.0/16",
    serviceCidr: "10.0.0.0/16",
    dnsServiceIp: "10.0.0.10",
    // Deployed by Pulumi Deployments with an Entra app (deployments/); a person running pulumi up sets "User".
    deployerPrincipalType: "ServicePrincipal",
} as const;

/**
 * Where a person opens Prometheus, Alertmanager and Grafana from a notification. On kind they are the
 * port-forwards of the README; on AKS a placeholder domain that a team replaces with its own (announced).
 */
const portForwardUrls = { alertmanager: "http://localhost:9093", prometheus: "http://localhost:9090", grafana: "http://localhost:3000" } as const;
const platformUrls = (environment: string) => ({
    alertmanager: `https://alertmanager.${environment}.platform.example.org`,
    prometheus: `https://prometheus.${environment}.platform.example.org`,
    grafana: `https://grafana.${environment}.platform.example.org`,
});

/** The app settings every environment shares. */
const appCommon = { namespace: "app", readinessDelaySec: 5, failRate: 0, imagePull: "public" } as const;

/** Staging and prod run the registry image and are delivered by Argo CD. */
const registryApp = { ...appCommon, image: "ghcr.io/example-org/platform/app:0.1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000", buildLocally: false, delivery: "gitops" } as const;

type Preset = Omit<PlainStackConfig, "environment" | "app"> & { app: Omit<PlainStackConfig["app"], "gitops"> };

/** What an environment promises beyond its sizing; rules read these traits, never an environment's name. */
export interface EnvironmentTraits {
    /** Serves users: its pages must reach a person, and the policy pack applies its production-only rules. */
    production: boolean;
    /** One replica is acceptable (a laptop cluster); elsewhere every rollout or eviction must keep a pod serving. */
    singleReplicaAllowed: boolean;
}

/** The policy pack keeps the same table (policy/rules/model.ts; it is published alone), and a test checks they agree. */
export const ENVIRONMENT_TRAITS: Record<Environment, EnvironmentTraits> = {
    dev: { production: false, singleReplicaAllowed: true },
    staging: { production: false, singleReplicaAllowed: false },
    prod: { production: true, singleReplicaAllowed: false },
};

export const presets: Record<Environment, Preset> = {
    dev: {
        cluster: { kind: "kind", nodeImage: KIND_NODE_IMAGE, controlPlaneNodes: 1, workerNodes: 2 },
        argocd: { ha: false, serverReplicas: 1, repoServerReplicas: 1, applicationSetReplicas: 1 },
        monitoring: {
            prometheusReplicas: 1,
            retention: "2d",
            prometheusStorageGiB: 0,
            alertmanagerReplicas: 1,
            grafanaReplicas: 1,
            ticketReceiver: "none",
            pageReceiver: "none",
            heartbeatReceiver: "none",
            externalUrls: portForwardUrls,
        },
        // kind has no Key Vault; these values only apply on AKS and are kept so a stack can switch kinds.
        secretsStore: { rotationPollInterval: "2m", keyVault: { softDeleteRetentionDays: 7, purgeProtection: false, protect: false } },
        app: {
            ...appCommon,
            image: "localhost/platform-app:0.1.0",
            buildLocally: true,
            minReplicas: 1,
            maxReplicas: 2,
            cpuRequestMillicores: 50,
            memoryRequestMiB: 64,
            memoryLimitMiB: 128,
            sloTarget: 0.99,
            latencyP99TargetMs: 500,
            delivery: "direct",
        },
    },
    staging: {
        cluster: {
            ...aksCommon,
            tier: "Free",
            disableLocalAccounts: false,
            systemPool: { vmSize: AKS_VM_SIZE, nodeCount: 1, zones: [], onlyCriticalAddons: false },
            userPool: { vmSize: AKS_VM_SIZE, minCount: 1, maxCount: 3, zones: [], maxPods: 110 },
            // Staging goes first: rapid moves it to each new minor (N) while prod's stable stays on N-1, and its
            // Saturday window takes node OS and patch upgrades a day before prod's Sunday one. No minor is pinned,
            // so none can expire; the channel owns the version.
            upgradeChannel: "rapid",
            nodeOsUpgradeChannel: "SecurityPatch",
            maintenanceWindow: { dayOfWeek: "Saturday", startHourUtc: 2, durationHours: 4 },
            protect: false,
        },
        argocd: { ha: false, serverReplicas: 1, repoServerReplicas: 1, applicationSetReplicas: 1 },
        monitoring: {
            prometheusReplicas: 1,
            retention: "7d",
            prometheusStorageGiB: 20,
            alertmanagerReplicas: 1,
            grafanaReplicas: 1,
            // Staging's alerts, pages included, go to a chat channel that wakes nobody (secret alertmanagerWebhookUrl).
            ticketReceiver: "slack",
            slackChannel: "#platform-staging-alerts",
            pageReceiver: "none",
            heartbeatReceiver: "none",
            externalUrls: platformUrls("staging"),
        },
        secretsStore: { rotationPollInterval: "2m", keyVault: { softDeleteRetentionDays: 7, purgeProtection: false, protect: false } },
        app: {
            ...registryApp,
            minReplicas: 2,
            maxReplicas: 4,
            cpuRequestMillicores: 100,
            memoryRequestMiB: 128,
            memoryLimitMiB: 256,
            sloTarget: 0.995,
            latencyP99TargetMs: 500,
        },
    },
    prod: {
        cluster: {
            ...aksCommon,
            tier: "Standard",
            disableLocalAccounts: true,
            systemPool: { vmSize: AKS_VM_SIZE, nodeCount: 3, zones: ["1", "2", "3"], onlyCriticalAddons: true },
            userPool: { vmSize: AKS_VM_SIZE, minCount: 3, maxCount: 10, zones: ["1", "2", "3"], maxPods: 110 },
            upgradeChannel: "stable",
            nodeOsUpgradeChannel: "SecurityPatch",
            maintenanceWindow: { dayOfWeek: "Sunday", startHourUtc: 2, durationHours: 4 },
            protect: true,
        },
        argocd: { ha: true, serverReplicas: 2, repoServerReplicas: 2, applicationSetReplicas: 2 },
        monitoring: {
            prometheusReplicas: 2,
            retention: "30d",
            prometheusStorageGiB: 100,
            alertmanagerReplicas: 3,
            grafanaReplicas: 2,
            // Pages wake the on-call person through PagerDuty, tickets go to chat, and Watchdog proves the
            // pipeline works; each destination is its own secret in ESC platform/prod-secrets.
            ticketReceiver: "slack",
            slackChannel: "#platform-prod-alerts",
            pageReceiver: "pagerduty",
            heartbeatReceiver: "webhook",
            externalUrls: platformUrls("prod"),
        },
        secretsStore: { rotationPollInterval: "2m", keyVault: { softDeleteRetentionDays: 90, purgeProtection: true, protect: true } },
        app: {
            ...registryApp,
            minReplicas: 3,
            maxReplicas: 10,
            cpuRequestMillicores: 200,
            memoryRequestMiB: 256,
            memoryLimitMiB: 512,
            sloTarget: 0.999,
            // A bucket boundary of the service's histogram (app/src/latency-buckets.ts): measured exactly.
            latencyP99TargetMs: 250,
        },
    },
};
