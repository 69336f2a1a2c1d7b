// Typed values for the argo-cd chart (argo-helm, version pinned in charts.ts): only the keys we set, spelled as in the chart's
// values.yaml, so a misspelled key fails to compile. Pure: unit-tested without the Pulumi runtime.
import type * as pulumi from "@pulumi/pulumi";
import type { ArgoCdConfig } from "../../stacks";
import { platformSecret, type PlatformSecret } from "./secret";
import { containerResources, type ContainerResources } from "../resources";
import { isReplicated } from "./values-common";

/** Label the chart puts on each metrics Service (via `metrics.service.labels`); our ServiceMonitors select it. */
export const ARGOCD_METRICS_LABEL = "platform/argocd-metrics";
/** Port name of every Argo CD metrics Service (the chart default, pinned here because ServiceMonitors use it). */
export const ARGOCD_METRICS_PORT = "http-metrics";
/** Components that expose metrics and get a ServiceMonitor, with the label value of their metrics Service. */
export const ARGOCD_METRICS_COMPONENTS = {
    controller: "application-controller",
    server: "server",
    repoServer: "repo-server",
    applicationSet: "applicationset-controller",
} as const;
export type ArgoCdMetricsComponent = keyof typeof ARGOCD_METRICS_COMPONENTS;

interface MetricsValues {
    enabled: boolean;
    service: { portName: string; labels: Record<string, string> };
    // The chart renders its ServiceMonitors only if the CRD exists when Helm renders (Capabilities check);
    // installed in parallel with kube-prometheus-stack that is a race, so Pulumi creates them instead.
    serviceMonitor: { enabled: false };
}

interface PodSelectorRule {
    selectors: { podSelector: { matchLabels: Record<string, string> } }[];
}

interface RedisHaValues {
    enabled: boolean;
    /** The subchart's own policy: redis pods accept only each other and haproxy. */
    networkPolicy: { enabled: boolean };
    haproxy: { networkPolicy: { enabled: boolean; ingressRules: PodSelectorRule[] } };
}

interface PdbValues {
    enabled: boolean;
    minAvailable?: number;
}

interface ComponentValues {
    replicas: number;
    resources: ContainerResources;
    metrics: MetricsValues;
    pdb: PdbValues;
}

export interface ArgoCdValues {
    global: { networkPolicy: { create: boolean; defaultDenyIngress: boolean } };
    configs: {
        cm: { "admin.enabled": boolean; "exec.enabled": boolean; "application.resourceTrackingMethod": "annotation" | "label" | "annotation+label" };
        /** Off: Pulumi creates `argocd-secret` itself (argocdAdminSecret), so no credential sits in the values. */
        secret: { createSecret: false };
    };
    controller: ComponentValues;
    server: ComponentValues;
    repoServer: ComponentValues;
    applicationSet: ComponentValues;
    dex: { enabled: boolean };
    redis: { resources: ContainerResources };
    "redis-ha": RedisHaValues;
}

/**
 * Pod label values (`app.kubernetes.io/name`, chart nameOverride "argocd") of the components that talk to
 * Redis: the same clients the chart's own redis NetworkPolicy admits.
 */
export const ARGOCD_REDIS_CLIENTS = ["argocd-server", "argocd-repo-server", "argocd-application-controller"] as const;

/** Requests/limits per component; the same on every stack (propose config keys if a stack needs more). */
const ARGOCD_RESOURCES = {
    controller: containerResources(250, 512, 1024),
    server: containerResources(50, 128, 256),
    repoServer: containerResources(100, 256, 512),
    applicationSet: containerResources(50, 128, 256),
    redis: containerResources(50, 64, 128),
} as const;

function component(name: ArgoCdMetricsComponent, replicas: number, resourceValues: ContainerResources): ComponentValues {
    return {
        replicas,
        resources: resourceValues,
        metrics: { enabled: true, service: { portName: ARGOCD_METRICS_PORT, labels: { [ARGOCD_METRICS_LABEL]: ARGOCD_METRICS_COMPONENTS[name] } }, serviceMonitor: { enabled: false } },
        pdb: isReplicated(replicas) ? { enabled: true, minAvailable: 1 } : { enabled: false },
    };
}

/** The Secret Argo CD reads its admin login from; the name and keys are fixed by Argo CD itself. */
const ARGOCD_SECRET = { name: "argocd-secret", passwordKey: "admin.password", mtimeKey: "admin.passwordMtime" } as const;

/**
 * `argocd-secret` as Pulumi creates it in place of the chart (the pinned argo-cd chart renders it only when
 * `configs.secret.createSecret` is true). Only the admin login is set: Argo CD adds `server.secretkey` and
 * its TLS keys at first start, and server-side apply leaves fields Pulumi does not own alone.
 */
export function argocdAdminSecret(namespace: string, adminPasswordBcrypt: pulumi.Input<string>, adminPasswordMtime: string): PlatformSecret {
    return platformSecret(
        ARGOCD_SECRET.name,
        namespace,
        // bcrypt hash only, the plaintext never reaches the cluster; the mtime is fixed so that an update does
        // not log every admin session out, and moves only when the password rotates.
        { [ARGOCD_SECRET.passwordKey]: adminPasswordBcrypt, [ARGOCD_SECRET.mtimeKey]: adminPasswordMtime },
        {
            // Argo CD's own labels for this Secret (its docs' argocd-secret.yaml); it watches Secrets by `part-of`.
            labels: { "app.kubernetes.io/name": ARGOCD_SECRET.name, "app.kubernetes.io/part-of": "argocd" },
            // On an install where the chart created argocd-secret: Pulumi takes the admin fields over from Helm's
            // field manager (patchForce, else server-side apply stops at the conflict), and the chart upgrade that
            // stops rendering the Secret leaves it alone (Helm skips deleting an object marked keep).
            annotations: { "helm.sh/resource-policy": "keep", "pulumi.com/patchForce": "true" },
        },
    );
}

export function argocdValues(cfg: ArgoCdConfig): ArgoCdValues {
    // stacks/ has already refused HA with fewer than two replicas of any stateless component.
    return {
        // Kept on (the 10.x default): the chart's per-component policies admit metrics from any namespace
        // (so Prometheus in `monitoring` scrapes) and restrict repo-server/redis to Argo CD's own
        // components. The namespace-wide default deny is a Pulumi resource instead (see argocd.ts).
        global: { networkPolicy: { create: true, defaultDenyIngress: false } },
        configs: {
            // Track resources by annotation (Argo CD 3's default, stated so a chart change cannot flip it): label
            // tracking rewrites app.kubernetes.io/instance, which the app uses in its immutable selectors.
            cm: { "admin.enabled": true, "exec.enabled": false, "application.resourceTrackingMethod": "annotation" },
            secret: { createSecret: false },
        },
        // One controller even in HA: extra replicas only shard across clusters, and this platform has one.
        controller: component("controller", 1, ARGOCD_RESOURCES.controller),
        server: component("server", cfg.serverReplicas, ARGOCD_RESOURCES.server),
        repoServer: component("repoServer", cfg.repoServerReplicas, ARGOCD_RESOURCES.repoServer),
        applicationSet: component("applicationSet", cfg.applicationSetReplicas, ARGOCD_RESOURCES.applicationSet),
        // No SSO is configured; Dex would be one more exposed component for nothing.
        dex: { enabled: false },
        redis: { resources: ARGOCD_RESOURCES.redis },
        // redis-ha replaces the single redis (the chart switches it off) and needs 3 schedulable nodes.
        // The argo-cd chart has no NetworkPolicy for redis-ha, and the namespace denies ingress by default,
        // so the subchart's policies are turned on with Argo CD's redis clients admitted to haproxy.
        "redis-ha": {
            enabled: cfg.ha,
            networkPolicy: { enabled: true },
            haproxy: {
                networkPolicy: {
                    enabled: true,
                    ingressRules: [{ selectors: ARGOCD_REDIS_CLIENTS.map((name) => ({ podSelector: { matchLabels: { "app.kubernetes.io/name": name } } })) }],
                },
            },
        },
    };
}
