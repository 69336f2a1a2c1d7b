// Shared by the app component tests: the three presets as stack configs, fake cluster/platform handles for
// synth runs, and a loader for the ESM-only kubernetes-models classes.
import * as command from "@pulumi/command";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../../../components/cluster";
import type { PlatformOutputs } from "../../../components/platform";
import { workloadSpecFor, type WorkloadSpec } from "../../../components/app";
import { localImageTag } from "../../../components/app";
import type { StackConfig } from "../../../stacks";
import { presets, type Environment } from "../../../stacks";
import type { AppConfig } from "../../../stacks";

export const ENVIRONMENTS: Environment[] = ["dev", "staging", "prod"];
export const GREETING_MARKER = "MARKER-GREETING-app-7c41";
export const SYNTH_CLIENT_ID = "5e1f0000-0000-4000-8000-00000000c11d";
export const SYNTH_TENANT_ID = "5e1f0000-0000-4000-8000-0000000007e2";
export const SYNTH_KEY_VAULT = "kv-platform-synth";
/** Stands in for the locally built tag (the real one hashes app/). */
const FAKE_LOCAL_IMAGE = localImageTag("0123456789abcdef");

/** A preset's app config; `delivery` may be overridden so AKS presets can be synthesized with direct delivery. */
export function appConfig(env: Environment, overrides: Partial<AppConfig> = {}): AppConfig {
    return { ...presets[env].app, ...overrides };
}

function clusterKindOf(env: Environment): "kind" | "aks" {
    return presets[env].cluster.kind;
}

/** The WorkloadSpec each preset deploys (dev gets a stand-in for its locally built tag). */
export function presetSpec(env: Environment): WorkloadSpec {
    const app = appConfig(env);
    return workloadSpecFor({ stackName: env, app, monitoring: presets[env].monitoring }, { kind: clusterKindOf(env) }, app.buildLocally ? { image: FAKE_LOCAL_IMAGE } : {});
}

export function stackConfig(env: Environment, overrides: Partial<AppConfig> = {}): StackConfig {
    return {
        environment: env,
        ...presets[env],
        app: appConfig(env, overrides),
        stackName: env,
        secrets: { greeting: pulumi.secret(GREETING_MARKER) },
    };
}

/** Resources standing in for the cluster and platform components (they are built by other components). */
export function fakeHandles(kind: "kind" | "aks"): { cluster: ClusterHandle; platform: PlatformOutputs } {
    const ready = new command.local.Command("cluster-ready", { create: "true" });
    const provider = new k8s.Provider("cluster-provider", { kubeconfig: "synth" });
    const release = (name: string, namespace: string) => new k8s.helm.v3.Release(name, { chart: name, namespace }, { provider });
    const cluster: ClusterHandle = {
        kind,
        provider,
        kubeconfig: pulumi.secret("synth-kubeconfig"),
        name: pulumi.output("platform-synth"),
        readyDependencies: [ready],
    };
    const platform: PlatformOutputs = {
        argocd: { namespace: "argocd", release: release("argo-cd", "argocd"), adminPassword: pulumi.secret("synth") },
        monitoring: { namespace: "monitoring", release: release("kube-prometheus-stack", "monitoring"), grafanaAdminPassword: pulumi.secret("synth") },
        ...(kind === "aks"
            ? {
                  secretsStore: {
                      release: release("secrets-store-csi-driver", "kube-system"),
                      keyVaultName: pulumi.output(SYNTH_KEY_VAULT),
                      tenantId: pulumi.output(SYNTH_TENANT_ID),
                      greetingSecretName: "greeting",
                      appIdentityClientId: pulumi.output(SYNTH_CLIENT_ID),
                  },
              }
            : {}),
    };
    return { cluster, platform };
}

/** Follows keys and indexes into recorded, untyped resource inputs. */
export function dig(value: unknown, ...keys: (string | number)[]): unknown {
    return keys.reduce<unknown>((current, key) => (current === null || typeof current !== "object" ? undefined : (current as Record<string | number, unknown>)[key]), value);
}

export { validateObject } from "../../support/models";
