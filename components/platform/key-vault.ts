// The stack's Key Vault (RBAC mode) holding the app's greeting, written by the deploying principal.
import { createHash } from "node:crypto";
import * as authorization from "@pulumi/azure-native/authorization";
import * as keyvault from "@pulumi/azure-native/keyvault";
import * as pulumi from "@pulumi/pulumi";
import type { SecretsStoreConfig } from "../../stacks/schema";
import { builtInRoleId, stableGuid } from "../azure-guid";
import type { AzureClusterFacts } from "../cluster/handle";

/** Built-in role "Key Vault Secrets Officer": read and write secrets (data plane). */
export const KEY_VAULT_SECRETS_OFFICER_ROLE = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";
/** Name of the Key Vault secret that holds the greeting. */
export const GREETING_KEY_VAULT_SECRET = "greeting";

export type PrincipalType = "User" | "ServicePrincipal" | "Group";

/**
 * Vault names are global, 3-24 characters of letters, digits and single hyphens, starting with a letter.
 * `kv-<stack>-<6 hex>`: the stack stays readable, the hash of `seed` (subscription, resource group, stack)
 * keeps it unique across subscriptions and stable across runs.
 */
export function keyVaultName(stackName: string, seed: string): string {
    const stack = stackName.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 14) || "stack";
    const suffix = createHash("sha256").update(seed).digest("hex").slice(0, 6);
    return `kv-${stack}-${suffix}`;
}

export interface KeyVaultArgs {
    config: SecretsStoreConfig["keyVault"];
    stackName: string;
    azure: AzureClusterFacts;
    subscriptionId: pulumi.Input<string>;
    /** The greeting (secret); stored as the Key Vault secret GREETING_KEY_VAULT_SECRET. */
    greeting: pulumi.Output<string>;
    /**
     * Type of the deploying principal. ARM rejects a role assignment whose principalType does not match the
     * principal (UnmatchedPrincipalType), so a service principal (CI) must say "ServicePrincipal".
     */
    deployerPrincipalType: PrincipalType;
}

export class KeyVault extends pulumi.ComponentResource {
    readonly vaultName: pulumi.Output<string>;
    readonly vaultId: pulumi.Output<string>;
    readonly greetingSecretName = GREETING_KEY_VAULT_SECRET;

    constructor(name: string, args: KeyVaultArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:platform:KeyVault", name, {}, opts);
        const { config, azure } = args;
        const vaultName = pulumi.all([args.subscriptionId, azure.resourceGroupName]).apply(([subscription, group]) => keyVaultName(args.stackName, `${subscription}/${group}/${args.stackName}`));

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

        const officer = new authorization.RoleAssignment(
            `${name}-deployer-secrets-officer`,
            {
                roleAssignmentName: stableGuid(vault.id, KEY_VAULT_SECRETS_OFFICER_ROLE, azure.deployerObjectId),
                scope: vault.id,
                roleDefinitionId: builtInRoleId(args.subscriptionId, KEY_VAULT_SECRETS_OFFICER_ROLE),
                principalId: azure.deployerObjectId,
                principalType: args.deployerPrincipalType,
            },
            { parent: this },
        );

        new keyvault.Secret(
            `${name}-greeting`,
            {
                resourceGroupName: azure.resourceGroupName,
                vaultName: vault.name,
                secretName: GREETING_KEY_VAULT_SECRET,
                properties: { value: pulumi.secret(args.greeting), contentType: "text/plain" },
            },
            // The deployer writes the secret under the Secrets Officer grant.
            { parent: this, dependsOn: [officer] },
        );

        this.registerOutputs({ vaultName: this.vaultName, vaultId: this.vaultId });
    }
}
