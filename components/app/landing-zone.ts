// The landing zone, always created by Pulumi because parts of it depend on cloud outputs: namespace,
// ServiceAccount, the greeting binding, NetworkPolicies, ResourceQuota and LimitRange.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterHandle } from "../cluster";
import type { PlatformOutputs } from "../platform";
import { appLimitRange, appNamespace, appResourceQuota, appServiceAccount, WORKLOAD_IDENTITY_CLIENT_ID } from "./landing-zone-objects";
import { GREETING_SECRET, IMAGE_PULL_SECRET } from "./names";
import { networkPolicies } from "./network-policies";
import { createImagePullSecret } from "./private-access";
import { greetingSecretProviderClass } from "./secret-binding";
import { commonLabels, type WorkloadSpec } from "./spec";

export interface LandingZoneArgs {
    spec: WorkloadSpec;
    cluster: ClusterHandle;
    platform: PlatformOutputs;
    /** kind only: the greeting, a secret Output. */
    greeting: pulumi.Output<string>;
    /** `app.imagePull: private`: the registry login for `spec.image`. */
    registryLogin?: { username: string; password: pulumi.Output<string> };
}

export interface LandingZone {
    namespace: k8s.core.v1.Namespace;
    /** Everything the workload must wait for. */
    resources: pulumi.Resource[];
}

export function createLandingZone(name: string, args: LandingZoneArgs, opts: pulumi.CustomResourceOptions): LandingZone {
    const { parent } = opts;
    const { spec, cluster, platform } = args;
    // The kubernetes-models interfaces type quantities as string | number where the SDK wants strings; the
    // builders only emit strings, so the casts below only bridge the two type libraries.
    const namespace = new k8s.core.v1.Namespace(`${name}-namespace`, appNamespace(spec), { parent, dependsOn: cluster.readyDependencies });
    const inNamespace: pulumi.CustomResourceOptions = { parent, dependsOn: [namespace] };

    const secretsStore = platform.secretsStore;
    if (cluster.kind === "aks" && secretsStore === undefined) {
        throw new Error("app on AKS: platform.secretsStore is missing; the greeting is read from Key Vault through the Secrets Store CSI driver, so the platform must install it");
    }

    const pullSecret = args.registryLogin
        ? createImagePullSecret(`${name}-registry-credentials`, { namespace: spec.namespace, image: spec.image, labels: commonLabels(spec), ...args.registryLogin }, inNamespace)
        : undefined;
    const serviceAccount = { ...appServiceAccount(spec), ...(pullSecret ? { imagePullSecrets: [{ name: IMAGE_PULL_SECRET }] } : {}) };
    const sa = new k8s.core.v1.ServiceAccount(
        `${name}-serviceaccount`,
        spec.cluster.workloadIdentity && secretsStore
            ? { ...serviceAccount, metadata: { ...serviceAccount.metadata, annotations: { [WORKLOAD_IDENTITY_CLIENT_ID]: secretsStore.appIdentityClientId } } }
            : serviceAccount,
        pullSecret ? { parent, dependsOn: [namespace, pullSecret] } : inNamespace,
    );

    let binding: pulumi.Resource;
    if (cluster.kind === "aks" && secretsStore) {
        const manifest = pulumi
            .all([secretsStore.appIdentityClientId, secretsStore.keyVaultName, secretsStore.tenantId])
            .apply(([clientId, keyVaultName, tenantId]) =>
                greetingSecretProviderClass({ namespace: spec.namespace, labels: commonLabels(spec), clientId, keyVaultName, tenantId, keyVaultSecretName: secretsStore.greetingSecretName }),
            );
        binding = new k8s.apiextensions.CustomResource(
            `${name}-secretproviderclass`,
            { apiVersion: "secrets-store.csi.x-k8s.io/v1", kind: "SecretProviderClass", metadata: manifest.metadata, spec: manifest.spec },
            { parent, dependsOn: [namespace, secretsStore.release] },
        );
    } else {
        binding = new k8s.core.v1.Secret(
            `${name}-greeting`,
            {
                apiVersion: "v1",
                kind: "Secret",
                metadata: { name: GREETING_SECRET.name, namespace: spec.namespace, labels: commonLabels(spec) },
                type: "Opaque",
                stringData: { [GREETING_SECRET.key]: pulumi.secret(args.greeting) },
            },
            inNamespace,
        );
    }

    const policies = networkPolicies(spec).map((policy) => new k8s.networking.v1.NetworkPolicy(`${name}-networkpolicy-${policy.metadata?.name}`, policy as k8s.networking.v1.NetworkPolicyArgs, inNamespace));
    const quota = new k8s.core.v1.ResourceQuota(`${name}-resourcequota`, appResourceQuota(spec) as k8s.core.v1.ResourceQuotaArgs, inNamespace);
    const limits = new k8s.core.v1.LimitRange(`${name}-limitrange`, appLimitRange(spec) as k8s.core.v1.LimitRangeArgs, inNamespace);

    return { namespace, resources: [namespace, sa, binding, ...policies, quota, limits, ...(pullSecret ? [pullSecret] : [])] };
}
