// AKS only: the Secrets Store CSI driver with the Azure Key Vault provider, the stack's Key Vault with the
// greeting in it, and the app identity allowed to read it. On kind none of this exists (the app gets a
// plain Kubernetes Secret instead).
import * as authorization from "@pulumi/azure-native/authorization";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { SecretsStoreConfig } from "../../stacks";
import type { AzureClusterFacts } from "../cluster";
import { AppIdentity } from "./app-identity";
import { CHARTS, platformRelease } from "./charts";
import { KeyVault } from "./key-vault";
import { platformNamespace } from "./namespace";
import { PLATFORM_NAMESPACES } from "./outputs";
import { secretsStoreValues } from "./secrets-store-values";

export interface SecretsStoreArgs {
    config: SecretsStoreConfig;
    stackName: string;
    azure: AzureClusterFacts;
    /** Cluster readiness (e.g. the AKS user pool); the namespace and release wait for it. */
    clusterReady: pulumi.Resource[];
    /** The greeting (secret) written to Key Vault. */
    greeting: pulumi.Output<string>;
    /** Where the app runs: its ServiceAccount is the federated identity's subject. */
    app: { namespace: string; serviceAccount: string };
    /** Seconds Helm waits for the driver DaemonSets. Default: 300. */
    timeoutSec?: number;
}

export class SecretsStore extends pulumi.ComponentResource {
    readonly namespace: string = PLATFORM_NAMESPACES.secretsStore;
    /** Installs the SecretProviderClass CRD. */
    readonly release: k8s.helm.v3.Release;
    readonly keyVaultName: pulumi.Output<string>;
    readonly tenantId: pulumi.Output<string>;
    readonly greetingSecretName: string;
    readonly appIdentityClientId: pulumi.Output<string>;

    constructor(name: string, args: SecretsStoreArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:platform:SecretsStore", name, {}, opts);
        const { azure } = args;

        // The CSI node plugin and the provider mount host paths (kubelet dir, provider socket) and the
        // provider uses hostNetwork: only `privileged` admits them. A namespace of their own keeps that
        // exception away from everything else (and out of the AKS-managed kube-system).
        const namespace = platformNamespace(`${name}-namespace`, { namespace: this.namespace, level: "privileged" }, { parent: this, dependsOn: args.clusterReady });
        this.release = platformRelease(
            `${name}-release`,
            {
                pin: CHARTS.secretsStoreProviderAzure,
                releaseName: "csi-secrets-store-provider-azure",
                namespace: this.namespace,
                values: secretsStoreValues(args.config),
                timeoutSec: args.timeoutSec ?? 300,
                // Two DaemonSets and CRDs, no hooks: a failed install rolls back cleanly.
                atomic: true,
            },
            { parent: this, dependsOn: [namespace, ...args.clusterReady] },
        );

        const client = authorization.getClientConfigOutput({ parent: this });
        const vault = new KeyVault(
            `${name}-key-vault`,
            {
                config: args.config.keyVault,
                stackName: args.stackName,
                azure,
                greeting: args.greeting,
            },
            { parent: this },
        );
        const identity = new AppIdentity(
            `${name}-app-identity`,
            { stackName: args.stackName, azure, subscriptionId: client.subscriptionId, vaultId: vault.vaultId, ...args.app },
            { parent: this },
        );

        this.keyVaultName = vault.vaultName;
        this.tenantId = azure.tenantId;
        this.greetingSecretName = vault.greetingSecretName;
        this.appIdentityClientId = identity.clientId;
        this.registerOutputs({ keyVaultName: this.keyVaultName, tenantId: this.tenantId, appIdentityClientId: this.appIdentityClientId });
    }
}
