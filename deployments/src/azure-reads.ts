/**
 * Every Azure invoke and data read the platform program makes, mapped to the built-in role that allows it for
 * each identity that runs the program: the deploying app (Pulumi Deployments) and the read-only preview app
 * (pull-request previews). The README's permission table is this list; test/synth/azure-access.test.ts (root)
 * synthesizes staging and prod, collects the invokes the program makes, and fails when one is missing here or
 * needs a role an identity is not granted (PREVIEW_AZURE_ROLES, DEPLOY_AZURE_ROLES in access.ts).
 */

/** Built-in Azure role definition ids (the same in every tenant), by role name. */
export const BUILT_IN_ROLE_IDS = {
    Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
    "Azure Kubernetes Service Cluster User Role": "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
    "Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
    "Azure Kubernetes Service RBAC Cluster Admin": "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
    "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
} as const;
export type BuiltInRole = keyof typeof BUILT_IN_ROLE_IDS;

/** The role the program itself grants the deploying app on the cluster (components/cluster/aks.ts). */
export const PROGRAM_GRANTED_DEPLOY_ROLE: BuiltInRole = "Azure Kubernetes Service RBAC Cluster Admin";

export interface AzureRead {
    /** The Pulumi invoke token, or a description of a read that is not an invoke. */
    what: string;
    kind: "invoke" | "read";
    /** The Azure action (or data action) checked, or why none is. */
    action: string;
    /** When the program makes it. */
    when: string;
    /** The role that allows it to each identity; empty when no Azure permission is checked. */
    deploy: BuiltInRole[];
    preview: BuiltInRole[];
}

export const AZURE_READS: readonly AzureRead[] = [
    {
        what: "azure-native:authorization:getClientConfig",
        kind: "invoke",
        action: "none: answered from the provider's own login (tenant, subscription, object id)",
        when: "every run (tenant and subscription ids for the cluster and Key Vault)",
        deploy: [],
        preview: [],
    },
    {
        what: "azure-native:containerservice:listManagedClusterUserCredentials",
        kind: "invoke",
        action: "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action",
        when: "every run once the cluster exists (server and CA for the exec kubeconfig; no credential in it)",
        deploy: ["Contributor"],
        preview: ["Azure Kubernetes Service Cluster User Role"],
    },
    {
        what: "ARM reads of the stack's Azure resources",
        kind: "read",
        action: "*/read on the resource group and what is in it",
        when: "preview and refresh (diffs against the live resources)",
        deploy: ["Contributor"],
        preview: ["Reader"],
    },
    {
        what: "Kubernetes API reads on the cluster",
        kind: "read",
        action: "Microsoft.ContainerService/managedClusters/*/read (data actions, through kubelogin)",
        when: "preview and refresh of every Kubernetes resource and Helm release",
        deploy: [PROGRAM_GRANTED_DEPLOY_ROLE],
        preview: ["Azure Kubernetes Service RBAC Reader"],
    },
];

/**
 * The invokes of `invoked` (Pulumi tokens) that an identity with `roles` (plus what the program grants it) may
 * not make: missing from the table, or needing a role it does not hold. Empty when every one is allowed.
 */
export function ungrantedInvokes(invoked: readonly string[], identity: "deploy" | "preview", roles: readonly string[], table: readonly AzureRead[] = AZURE_READS): string[] {
    const held = new Set<string>(identity === "deploy" ? [...roles, PROGRAM_GRANTED_DEPLOY_ROLE] : roles);
    const problems: string[] = [];
    for (const token of invoked) {
        const row = table.find((read) => read.kind === "invoke" && read.what === token);
        if (row === undefined) problems.push(`${token}: not in deployments/src/azure-reads.ts; add it with the role that allows it to each identity`);
        else if (!row[identity].every((role) => held.has(role))) problems.push(`${token}: the ${identity} identity needs ${row[identity].join(" + ")} (${row.action}); it holds ${[...held].join(", ")}`);
    }
    return problems;
}
