// Named per-environment defaults. A stack file selects one with `environment` (default: the stack
// name) and overrides only what differs, so every environment difference stays visible in code review.
import type { PlainStackConfig } from "./schema";

export type Environment = PlainStackConfig["environment"];

// The kind release the node image below was built for (its default image); scripts/dev-up.sh reads this line
// and refuses another kind minor, since node images and kind releases are only guaranteed to work in pairs.
export const KIND_RELEASE = "v0.29.0";
// kind v0.29.0 publishes this image for Kubernetes 1.33.1; the digest pins it against re-tagging.
export const KIND_NODE_IMAGE = "kindest/node:v1.33.1@sha256:050072256b9a903bd914c0b2866828150cb229cea0efe5892e2b644d5dd3b34f";

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
const registryApp = { ...appCommon, image: "ghcr.io/example-org/platform/app:0.1.0", buildLocally: false, delivery: "gitops" } as const;

type Preset = Omit<PlainStackConfig, "environment" | "app"> & { app: Omit<PlainStackConfig["app"], "gitops"> };

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
            // The patch channel stays on this minor; stable (prod) owns the version, so prod sets none.
            kubernetesVersion: "1.33",
            disableLocalAccounts: false,
            systemPool: { vmSize: AKS_VM_SIZE, nodeCount: 1, zones: [], onlyCriticalAddons: false },
            userPool: { vmSize: AKS_VM_SIZE, minCount: 1, maxCount: 3, zones: [], maxPods: 110 },
            upgradeChannel: "patch",
            nodeOsUpgradeChannel: "NodeImage",
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
