// Synthesizes the Platform component alone on a fake cluster handle, with marker secrets, so tests can
// check what it registers and where secret values go.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { isRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import type { ClusterHandle } from "../../../components/cluster";
import { Platform } from "../../../components/platform";
import type { StackConfig } from "../../../stacks";
import { presets, type Environment } from "../../../stacks";
import type { PlainStackConfig } from "../../../stacks";
import { synthesize, type SynthResult } from "../../../synth";
import { SYNTH_TENANT_ID } from "../../../synth";

export const MARKERS = {
    greeting: "MARKER-GREETING-platform-7c1e",
    webhook: "https://hooks.example.invalid/MARKER-WEBHOOK-platform-4b2d",
    pageKey: "MARKER-PAGE-KEY-platform-91aa",
    heartbeat: "https://heartbeat.example.invalid/MARKER-HEARTBEAT-platform-3e07",
} as const;

export const FAKE_AZURE = {
    resourceGroupName: "rg-platform-test",
    location: "westeurope",
    oidcIssuerUrl: "https://issuer.example.invalid/tenant/cluster/",
} as const;

export const TYPES = {
    release: "kubernetes:helm.sh/v3:Release",
    namespace: "kubernetes:core/v1:Namespace",
    secret: "kubernetes:core/v1:Secret",
    serviceMonitor: "kubernetes:monitoring.coreos.com/v1:ServiceMonitor",
    vault: "azure-native:keyvault:Vault",
    vaultSecret: "azure-native:keyvault:Secret",
    roleAssignment: "azure-native:authorization:RoleAssignment",
    identity: "azure-native:managedidentity:UserAssignedIdentity",
    federation: "azure-native:managedidentity:FederatedIdentityCredential",
    password: "random:index/randomPassword:RandomPassword",
} as const;

/** The preset of an environment as a full plain config, optionally changed by `patch`. */
export function plainConfig(environment: Environment, patch: (config: PlainStackConfig) => PlainStackConfig = (config) => config): PlainStackConfig {
    return patch(structuredClone({ environment, ...presets[environment] }));
}

function fakeCluster(cluster: PlainStackConfig["cluster"]): ClusterHandle {
    const { kind } = cluster;
    const provider = new k8s.Provider("test-cluster-provider", { kubeconfig: "apiVersion: v1\nkind: Config\n" });
    // Stands in for what a real cluster must finish first (the AKS user pool, the kind create command).
    const ready = new random.RandomId("test-cluster-ready", { byteLength: 4 });
    return {
        kind,
        provider,
        kubeconfig: pulumi.secret("fake-kubeconfig"),
        name: pulumi.output("test-cluster"),
        readyDependencies: [ready],
        ...(kind === "aks"
            ? {
                  azure: {
                      resourceGroupName: pulumi.output(FAKE_AZURE.resourceGroupName),
                      location: FAKE_AZURE.location,
                      oidcIssuerUrl: pulumi.output(FAKE_AZURE.oidcIssuerUrl),
                      tenantId: pulumi.output(SYNTH_TENANT_ID),
                  },
              }
            : {}),
    };
}

/** Runs `new Platform(...)` like the program does: the cluster's provider in opts, secrets from config. */
export function synthPlatform(plain: PlainStackConfig, stack: string = plain.environment): Promise<SynthResult> {
    return synthesize({
        project: "platform",
        stack,
        config: {},
        program: () => {
            const config: StackConfig = {
                ...plain,
                stackName: stack,
                secrets: {
                    greeting: pulumi.secret(MARKERS.greeting),
                    alertmanagerWebhookUrl: pulumi.secret(MARKERS.webhook),
                    alertmanagerPageKey: pulumi.secret(MARKERS.pageKey),
                    alertmanagerHeartbeatUrl: pulumi.secret(MARKERS.heartbeat),
                },
            };
            const cluster = fakeCluster(plain.cluster);
            const platform = new Platform("platform", { config, cluster }, { provider: cluster.provider });
            return Promise.resolve({
                argocdAdminPassword: platform.argocd.adminPassword,
                grafanaAdminPassword: platform.monitoring.grafanaAdminPassword,
                ...(platform.secretsStore
                    ? { keyVaultName: platform.secretsStore.keyVaultName, appIdentityClientId: platform.secretsStore.appIdentityClientId, greetingSecretName: platform.secretsStore.greetingSecretName }
                    : {}),
            });
        },
    });
}

export { byType as ofType, dependencyNames, one as named } from "../../support/stacks";

/** Every string found outside secret wrappers, with its path. */
export function plainStrings(value: unknown, path = "$"): { path: string; value: string }[] {
    if (isRpcSecret(value)) return [];
    if (typeof value === "string") return [{ path, value }];
    if (Array.isArray(value)) return value.flatMap((item, index) => plainStrings(item, `${path}[${index}]`));
    if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => plainStrings(item, `${path}.${key}`));
    return [];
}

/** Paths of secret wrappers inside a value. */
export function secretPaths(value: unknown, path = "$"): string[] {
    if (isRpcSecret(value)) return [path];
    if (Array.isArray(value)) return value.flatMap((item, index) => secretPaths(item, `${path}[${index}]`));
    if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => secretPaths(item, `${path}.${key}`));
    return [];
}

/** Validates a plain Kubernetes object against its OpenAPI or CRD schema; throws if invalid. */
export { validateObject as validateK8s } from "../../support/models";
