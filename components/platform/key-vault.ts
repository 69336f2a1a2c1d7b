// The stack's Key Vault (RBAC mode) holding the app's greeting, written by the deploying principal.
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { SecretsStoreConfig } from "../../stacks";
import type { AzureClusterFacts } from "../cluster";

/** Name of the Key Vault secret that holds the greeting. */
const GREETING_KEY_VAULT_SECRET = "greeting";

/**
 * Vault names are global, 3-24 characters of letters, digits and single hyphens, starting with a letter.
 * `kv-<stack>-<suffix>`: the stack stays readable; the suffix is random, drawn once per vault. A destroyed
 * vault stays soft-deleted (holding its name) for its retention period, so a rebuilt stack must not reuse it.
 */
export function keyVaultName(stackName: string, suffix: string): string {
    const stack = stackName.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 14) || "stack";
    return `kv-${stack}-${suffix}`;
}

export interface KeyVaultArgs {
    config: SecretsStoreConfig["keyVault"];
    stackName: string;
    azure: AzureClusterFacts;
    /** The greeting (secret); stored as the Key Vault secret GREETING_KEY_VAULT_SECRET. */
    greeting: pulumi.Output<string>;
}

export class KeyVault extends pulumi.ComponentResource {
    readonly vaultName: pulumi.Output<string>;
    readonly vaultId: pulumi.Output<string>;
    readonly greetingSecretName = GREETING_KEY_VAULT_SECRET;

    constructor(name: string, args: KeyVaultArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:platform:KeyVault", name, {}, opts);
        const { config, azure } = args;
        // Drawn when the vault is first created and kept in state; a destroy and up draws a new one.
        const suffix = new random.RandomString(`${name}-name-suffix`, { length: 6, special: false, upper: false, numeric: true }, { parent: this, protect: config.protect });
        const vaultName = suffix.result.apply((value) => keyVaultName(args.stackName, value));

        const vault = new keyvault.Vault(
            `${name}-vault`,
            {
                vaultName,
                resourceGroupName: azure.resourceGroupName,
                location: azure.location,
                properties: {
                    tenantId: azure.tenantId,
                    sku: { family: "A", name: "standard" },
                    // Access is Azure RBAC role assignments only; no access policies to drift.
                    enableRbacAuthorization: true,
                    enableSoftDelete: true,
                    // Fixed at creation: Azure refuses to change retention on an existing vault.
                    softDeleteRetentionInDays: config.softDeleteRetentionDays,
                    // Azure rejects `false` (purge protection can only ever be turned on), so omit it unless on.
                    ...(config.purgeProtection ? { enablePurgeProtection: true } : {}),
                    // Public endpoint, default Allow: AKS nodes reach the vault over it and callers still need
                    // an Entra ID token and an RBAC role. A private endpoint is the next hardening step.
                    publicNetworkAccess: "Enabled",
                    networkAcls: { defaultAction: "Allow", bypass: "AzureServices" },
                },
            },
            { parent: this, protect: config.protect },
        );
        this.vaultName = vault.name;
        this.vaultId = vault.id;

        new keyvault.Secret(
            `${name}-greeting`,
            {
                resourceGroupName: azure.resourceGroupName,
                vaultName: vault.name,
                secretName: GREETING_KEY_VAULT_SECRET,
                properties: { value: pulumi.secret(args.greeting), contentType: "text/plain" },
            },
            // A management-plane write (ARM), which the deployer's Contributor role covers; the deployer gets no
            // data-plane role, so it cannot read this or any other secret back out of the vault.
            { parent: this },
        );

        this.registerOutputs({ vaultName: this.vaultName, vaultId: this.vaultId });
    }
}
