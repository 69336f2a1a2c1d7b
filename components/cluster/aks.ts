// An AKS cluster with Entra ID + Azure RBAC, OIDC issuer and workload identity, Azure CNI overlay, a
// system pool created with the cluster and an autoscaled user pool managed as its own resource.
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import * as pulumi from "@pulumi/pulumi";
import type { AksClusterConfig } from "../../stacks/schema";
import { builtInRoleId, stableGuid } from "../azure-guid";
import { autoScalerProfile, maintenanceWindow, MAINTENANCE_CONFIGS, networkProfile, systemPoolProfile, userPoolArgs } from "./aks-spec";
import type { ClusterHandle } from "./handle";
import { clusterProvider } from "./provider";

/** Built-in role "Azure Kubernetes Service RBAC Cluster Admin". */
export const AKS_RBAC_CLUSTER_ADMIN_ROLE = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";

/** Channels that move the cluster to new minor versions on their own; config must not pull it back. */
export function upgradesMinorVersions(config: AksClusterConfig): boolean {
    return config.upgradeChannel === "stable" || config.upgradeChannel === "rapid";
}

export interface AksClusterArgs {
    config: AksClusterConfig;
    /** Used for default names: `rg-platform-<stack>` and `aks-platform-<stack>`. */
    stackName: string;
}

export class AksCluster extends pulumi.ComponentResource {
    readonly handle: ClusterHandle;

    constructor(name: string, args: AksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:cluster:AksCluster", name, {}, opts);
        const { config, stackName } = args;
        const client = authorization.getClientConfigOutput({ parent: this });
        // Protecting the resource group too: deleting it would take the cluster with it.
        const guarded = { parent: this, protect: config.protect };

        const group = new resources.ResourceGroup(`${name}-rg`, { resourceGroupName: config.resourceGroupName ?? `rg-platform-${stackName}`, location: config.location }, guarded);
        const controlPlaneIdentity = new managedidentity.UserAssignedIdentity(`${name}-identity`, { resourceGroupName: group.name, location: config.location }, { parent: this });
        const clusterName = `aks-platform-${stackName}`;

        const cluster = new containerservice.ManagedCluster(
            `${name}-cluster`,
            {
                resourceName: clusterName,
                resourceGroupName: group.name,
                location: config.location,
                dnsPrefix: clusterName,
                kubernetesVersion: config.kubernetesVersion,
                sku: { name: "Base", tier: config.tier },
                identity: { type: "UserAssigned", userAssignedIdentities: [controlPlaneIdentity.id] },
                enableRBAC: true,
                aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: config.adminGroupObjectIds, tenantID: client.tenantId },
                disableLocalAccounts: config.disableLocalAccounts,
                oidcIssuerProfile: { enabled: true },
                securityProfile: { workloadIdentity: { enabled: true } },
                networkProfile: networkProfile(config),
                autoScalerProfile,
                autoUpgradeProfile: { upgradeChannel: config.upgradeChannel, nodeOSUpgradeChannel: config.nodeOsUpgradeChannel },
                agentPoolProfiles: [systemPoolProfile(config)],
            },
            {
                ...guarded,
                // The inline system pool is fixed at creation; AKS cannot change most pool settings in place,
                // so a changed system pool is rolled by adding a new System-mode AgentPool instead.
                ignoreChanges: ["agentPoolProfiles", ...(upgradesMinorVersions(config) ? ["kubernetesVersion"] : [])],
            },
        );

        const userPool = new containerservice.AgentPool(
            `${name}-user-pool`,
            { resourceGroupName: group.name, resourceName: cluster.name, ...userPoolArgs(config) },
            // The cluster autoscaler owns `count`; auto-upgrade owns the node version.
            { parent: this, ignoreChanges: ["count", "orchestratorVersion"] },
        );

        for (const [role, configName, enabled] of [
            ["upgrade-window", MAINTENANCE_CONFIGS.kubernetes, config.upgradeChannel !== "none"],
            ["node-os-window", MAINTENANCE_CONFIGS.nodeOs, config.nodeOsUpgradeChannel !== "None" && config.nodeOsUpgradeChannel !== "Unmanaged"],
        ] as const) {
            if (!enabled) continue;
            new containerservice.MaintenanceConfiguration(
                `${name}-${role}`,
                { resourceGroupName: group.name, resourceName: cluster.name, configName, maintenanceWindow: maintenanceWindow(config) },
                { parent: this },
            );
        }

        // Whoever runs `pulumi up` must reach the Kubernetes API through Azure RBAC to install the platform.
        const deployerAdmin = new authorization.RoleAssignment(
            `${name}-deployer-admin`,
            {
                roleAssignmentName: stableGuid(cluster.id, AKS_RBAC_CLUSTER_ADMIN_ROLE, client.objectId),
                scope: cluster.id,
                roleDefinitionId: builtInRoleId(client.subscriptionId, AKS_RBAC_CLUSTER_ADMIN_ROLE),
                principalId: client.objectId,
                principalType: config.deployerPrincipalType,
            },
            { parent: this },
        );

        // `exec` format delegates token retrieval to kubelogin, which works with local accounts disabled.
        const credentials = containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName: group.name, resourceName: cluster.name, format: "exec" }, { parent: this });
        const kubeconfig = pulumi.secret(credentials.kubeconfigs.apply((configs) => Buffer.from(configs[0].value, "base64").toString("utf8")));

        const provider = clusterProvider(`${name}-provider`, kubeconfig, `aks-${stackName}-${clusterName}`, { parent: this, dependsOn: [deployerAdmin, userPool] });

        this.handle = {
            kind: "aks",
            provider,
            kubeconfig,
            name: cluster.name,
            readyDependencies: [userPool, deployerAdmin],
            azure: {
                resourceGroupName: group.name,
                location: config.location,
                oidcIssuerUrl: cluster.oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? ""),
                tenantId: client.tenantId,
                deployerObjectId: client.objectId,
                deployerPrincipalType: config.deployerPrincipalType,
            },
        };
        this.registerOutputs({ clusterName: cluster.name, kubeconfig, oidcIssuerUrl: this.handle.azure?.oidcIssuerUrl });
    }
}
