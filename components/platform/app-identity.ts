// The app's Azure identity: a user-assigned managed identity its Kubernetes ServiceAccount federates with
// (AKS workload identity), allowed to read secrets from the stack's Key Vault and nothing else.
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as pulumi from "@pulumi/pulumi";
import { builtInRoleId, stableGuid } from "../azure-guid";
import type { AzureClusterFacts } from "../cluster";

/** Built-in role "Key Vault Secrets User": read secret contents (data plane). */
const KEY_VAULT_SECRETS_USER_ROLE = "4633458b-17de-408a-b874-0445c86b69e6";
/** Audience AKS workload identity tokens carry when exchanged with Entra ID. */
const WORKLOAD_IDENTITY_AUDIENCE = "api://AzureADTokenExchange";

/** Subject of a projected ServiceAccount token, as the OIDC issuer writes it. */
export function serviceAccountSubject(namespace: string, serviceAccount: string): string {
    return `system:serviceaccount:${namespace}:${serviceAccount}`;
}

export interface AppIdentityArgs {
    stackName: string;
    azure: AzureClusterFacts;
    subscriptionId: pulumi.Input<string>;
    /** Key Vault the identity may read secrets from. */
    vaultId: pulumi.Input<string>;
    /** Namespace and ServiceAccount of the app's pods. */
    namespace: string;
    serviceAccount: string;
}

export class AppIdentity extends pulumi.ComponentResource {
    readonly clientId: pulumi.Output<string>;
    readonly principalId: pulumi.Output<string>;

    constructor(name: string, args: AppIdentityArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:platform:AppIdentity", name, {}, opts);
        const { azure } = args;

        const identity = new managedidentity.UserAssignedIdentity(
            `${name}-identity`,
            { resourceName: `id-platform-${args.stackName}-app`, resourceGroupName: azure.resourceGroupName, location: azure.location },
            { parent: this },
        );
        this.clientId = identity.clientId;
        this.principalId = identity.principalId;

        new managedidentity.FederatedIdentityCredential(
            `${name}-federation`,
            {
                resourceName: identity.name,
                resourceGroupName: azure.resourceGroupName,
                federatedIdentityCredentialResourceName: `${args.namespace}-${args.serviceAccount}`,
                issuer: azure.oidcIssuerUrl,
                subject: serviceAccountSubject(args.namespace, args.serviceAccount),
                audiences: [WORKLOAD_IDENTITY_AUDIENCE],
            },
            { parent: this },
        );

        new authorization.RoleAssignment(
            `${name}-secrets-user`,
            {
                roleAssignmentName: stableGuid(args.vaultId, KEY_VAULT_SECRETS_USER_ROLE, identity.principalId),
                scope: args.vaultId,
                roleDefinitionId: builtInRoleId(args.subscriptionId, KEY_VAULT_SECRETS_USER_ROLE),
                principalId: identity.principalId,
                // Known type: Azure skips the directory lookup that fails while a new identity replicates.
                principalType: "ServicePrincipal",
            },
            { parent: this },
        );

        this.registerOutputs({ clientId: this.clientId, principalId: this.principalId });
    }
}
