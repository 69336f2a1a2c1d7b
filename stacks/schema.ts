// The shape of every stack's configuration. Objects are strict so a misspelled key at any depth is an
// error instead of a silently ignored setting. Units are in the key names (MiB, GiB, Sec, Millicores).
import { z } from "zod";

const int = (min: number, max: number) => z.int().min(min).max(max);
const name63 = z.string().regex(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, "must be a DNS label: lower-case letters, digits and '-', at most 63 characters");
const uuid = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, "must be an Entra ID object id (a UUID)");
const zone = z.enum(["1", "2", "3"]);
/**
 * An Azure VM size name: `Standard_<family><vCPUs>[-<constrained vCPUs>]<features>[_<accelerator>][_v<version>]`,
 * e.g. Standard_D4ds_v5, Standard_B2s, Standard_E4-2ds_v5, Standard_NC24ads_A100_v4. Whether the size exists in
 * the region is Azure's to say; the form is checked here so a typo fails before anything is created.
 */
const vmSize = z
    .string()
    .regex(/^Standard_[A-Z]{1,4}[0-9]{1,3}(-[0-9]{1,3})?[a-z]{0,6}(_[A-Z][A-Za-z0-9]*)?(_v[0-9]{1,2})?$/, "must be an Azure VM size such as Standard_D4ds_v5 or Standard_E4-2ds_v5 (Standard_<family><vCPUs><features>_v<version>)");
const externalUrl = z.string().regex(/^https?:\/\/[^\s/?#]+(\/[^\s?#]*[^\s?#/])?$/, "must be an http(s) URL without a trailing slash, query or fragment, such as https://alertmanager.example.org");
const duration = z.string().regex(/^[0-9]+(s|m|h|d|w)$/, "must be a duration such as 30s, 2m, 12h, 15d or 2w");
/** An image reference with an explicit tag or digest; `latest` and untagged images are refused. */
const pinnedImage = z
    .string()
    .regex(/^[a-z0-9.\-/:_]+(:[\w][\w.-]{0,127})?(@sha256:[a-f0-9]{64})?$/, "must be an image reference such as registry/name:1.2.3 or registry/name@sha256:<64 hex>")
    .refine((ref) => /@sha256:[a-f0-9]{64}$/.test(ref) || /:[\w][\w.-]*$/.test(ref.split("/").pop() ?? ""), "must carry an explicit tag or digest")
    .refine((ref) => !/:latest(@|$)/.test(ref), "must not use the mutable 'latest' tag");

export const kindClusterSchema = z.strictObject({
    kind: z.literal("kind"),
    /** Docker-level cluster name; defaults to `platform-<stack>`. */
    name: name63.optional(),
    /** kind node image, pinned by digest to the kind release it was built for. */
    nodeImage: pinnedImage,
    controlPlaneNodes: z.literal(1),
    /** Worker nodes carry the `platform/workload=true` label the app schedules onto. */
    workerNodes: int(1, 10),
});

const aksPoolZones = z.array(zone).max(3);
export const aksClusterSchema = z.strictObject({
    kind: z.literal("aks"),
    location: z.string().regex(/^[a-z0-9]+$/, "must be an Azure region name such as westeurope"),
    /** Defaults to `rg-platform-<stack>`. */
    resourceGroupName: z.string().min(1).max(90).optional(),
    /**
     * Set only where no upgrade channel moves the minor version (channel none, patch or node-image); with
     * stable or rapid the channel owns the version and none is sent, so a later PUT cannot ask for a downgrade.
     */
    kubernetesVersion: z.string().regex(/^1\.[0-9]{2}(\.[0-9]+)?$/, "must be a Kubernetes minor such as 1.36").optional(),
    tier: z.enum(["Free", "Standard", "Premium"]),
    /**
     * Entra ID groups that become cluster admins; the deploying principal is granted admin separately. At least
     * one is required when local accounts are disabled, or no person could ever run kubectl on the cluster.
     */
    adminGroupObjectIds: z.array(uuid),
    /** Disables the static admin kubeconfig; every user then needs Entra ID via kubelogin. */
    disableLocalAccounts: z.boolean(),
    networkPolicy: z.enum(["azure", "calico", "cilium"]),
    podCidr: z.string().regex(/^[0-9.]+\/[0-9]{1,2}$/, "must be a CIDR"),
    serviceCidr: z.string().regex(/^[0-9.]+\/[0-9]{1,2}$/, "must be a CIDR"),
    dnsServiceIp: z.string().regex(/^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/, "must be an IPv4 address"),
    systemPool: z.strictObject({
        vmSize,
        nodeCount: int(1, 10),
        zones: aksPoolZones,
        /** Taints the pool `CriticalAddonsOnly=true:NoSchedule` so only system add-ons land there. */
        onlyCriticalAddons: z.boolean(),
    }),
    userPool: z.strictObject({
        vmSize,
        minCount: int(0, 100),
        maxCount: int(1, 100),
        zones: aksPoolZones,
        maxPods: int(30, 250),
    }),
    upgradeChannel: z.enum(["none", "patch", "stable", "rapid", "node-image"]),
    nodeOsUpgradeChannel: z.enum(["None", "Unmanaged", "NodeImage", "SecurityPatch"]),
    maintenanceWindow: z.strictObject({
        dayOfWeek: z.enum(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]),
        startHourUtc: int(0, 23),
        durationHours: int(4, 24),
    }),
    /** Pulumi `protect`: the cluster cannot be deleted or replaced until this is turned off. */
    protect: z.boolean(),
    /**
     * Kind of principal that runs `pulumi up` (a person, or the service principal of CI / Pulumi Deployments).
     * Its role assignments must say so: Azure rejects a mismatch with UnmatchedPrincipalType.
     */
    deployerPrincipalType: z.enum(["User", "ServicePrincipal", "Group"]),
    /**
     * Object id of the Entra principal granted Azure Kubernetes Service RBAC Cluster Admin on the cluster: the
     * deploy app's service principal (Pulumi Deployments). Explicit, so a run under another identity (a preview,
     * a person) neither re-keys nor replaces the grant. Required on AKS; stacks/resolve.ts says so by name.
     */
    deployerPrincipalId: uuid.optional(),
});

const clusterSchema = z.discriminatedUnion("kind", [kindClusterSchema, aksClusterSchema]);

export const argocdSchema = z.strictObject({
    /** HA mode: redis-ha plus replicated server, repo-server and ApplicationSet controller. */
    ha: z.boolean(),
    serverReplicas: int(1, 5),
    repoServerReplicas: int(1, 5),
    applicationSetReplicas: int(1, 5),
});

export const monitoringSchema = z.strictObject({
    prometheusReplicas: int(1, 3),
    retention: duration,
    /** Persistent volume per Prometheus replica; 0 keeps data in an emptyDir (lost on restart). */
    prometheusStorageGiB: int(0, 4096),
    alertmanagerReplicas: int(1, 3),
    grafanaReplicas: int(1, 3),
    /**
     * Where tickets go (chat or a ticket system): webhook and slack read their URL from the secret
     * `alertmanagerWebhookUrl`. With `pageReceiver: none`, pages go here too, marked PAGE but waking nobody.
     */
    ticketReceiver: z.enum(["none", "webhook", "slack"]),
    slackChannel: z.string().regex(/^#[a-z0-9_-]{1,80}$/, "must be a Slack channel such as #alerts").optional(),
    /**
     * The paging integration that wakes the on-call person: PagerDuty (Events API v2 routing key) or Opsgenie
     * (API key) or a webhook, each read from the secret `alertmanagerPageKey`. A prod stack must page, and to
     * another destination than its tickets.
     */
    pageReceiver: z.enum(["none", "pagerduty", "opsgenie", "webhook"]),
    /**
     * Dead man's switch: the always-firing Watchdog alert is sent every few minutes to a heartbeat service
     * (e.g. healthchecks.io, Opsgenie heartbeat, PagerDuty via Dead Man's Snitch) at the secret URL
     * `alertmanagerHeartbeatUrl`; the service alerts when the heartbeats stop. Required on prod.
     */
    heartbeatReceiver: z.enum(["none", "webhook"]),
    /**
     * Addresses a person opens from a notification (a phone, outside the cluster): Alertmanager's silence
     * links, Prometheus' alert source links and Grafana's dashboard links are built from them.
     */
    externalUrls: z.strictObject({ alertmanager: externalUrl, prometheus: externalUrl, grafana: externalUrl }),
});

export const secretsStoreSchema = z.strictObject({
    /** How often the CSI driver re-reads Key Vault secrets (secret rotation). */
    rotationPollInterval: duration,
    keyVault: z.strictObject({
        softDeleteRetentionDays: int(7, 90),
        /** Once on, purge protection can never be turned off for the vault. */
        purgeProtection: z.boolean(),
        protect: z.boolean(),
    }),
});

export const appSchema = z.strictObject({
    namespace: name63,
    image: pinnedImage,
    /** Build app/ with Docker and load it into the kind cluster (kind only). */
    buildLocally: z.boolean(),
    minReplicas: int(1, 50),
    maxReplicas: int(1, 100),
    cpuRequestMillicores: int(10, 8000),
    memoryRequestMiB: int(32, 32768),
    memoryLimitMiB: int(32, 65536),
    readinessDelaySec: int(0, 600),
    failRate: z.number().min(0).max(1),
    /** Availability SLO over 30 days, e.g. 0.999. */
    sloTarget: z.number().min(0.9).max(0.99999),
    latencyP99TargetMs: int(10, 60000),
    delivery: z.enum(["direct", "gitops"]),
    /**
     * How nodes pull `image`: `public` needs no credentials; `private` creates an image pull secret from the
     * secret config `registryPassword` for `registryUsername` and attaches it to the app's ServiceAccount.
     */
    imagePull: z.enum(["public", "private"]),
    /** Registry user for `imagePull: private` (for GHCR: the account that owns the read:packages token). */
    registryUsername: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "must be a registry user name such as my-bot").optional(),
    /** Where Argo CD reads `deploy/<stack>/` from; required when delivery is gitops. */
    gitops: z
        .strictObject({
            repoUrl: z.string().regex(/^(https:\/\/|git@)[^\s]+$/, "must be an https:// or git@ repository URL"),
            /** Branch, tag or commit: trunk (`main`) or a per-environment branch. */
            targetRevision: z.string().min(1),
            /**
             * `public` (default) clones anonymously; `private` gives Argo CD a repository credential built
             * from the secret config `gitopsRepoToken` (a read-only token for repoUrl).
             */
            repoAccess: z.enum(["public", "private"]).optional(),
        })
        .optional(),
});

export const stackConfigSchema = z.strictObject({
    environment: z.enum(["dev", "staging", "prod"]),
    cluster: clusterSchema,
    argocd: argocdSchema,
    monitoring: monitoringSchema,
    secretsStore: secretsStoreSchema,
    app: appSchema,
});

export type KindClusterConfig = z.infer<typeof kindClusterSchema>;
export type AksClusterConfig = z.infer<typeof aksClusterSchema>;
export type ClusterConfig = z.infer<typeof clusterSchema>;
export type ArgoCdConfig = z.infer<typeof argocdSchema>;
export type MonitoringConfig = z.infer<typeof monitoringSchema>;
export type SecretsStoreConfig = z.infer<typeof secretsStoreSchema>;
export type AppConfig = z.infer<typeof appSchema>;
/** The plain (non-secret) part of a stack's configuration after defaults are applied. */
export type PlainStackConfig = z.infer<typeof stackConfigSchema>;
