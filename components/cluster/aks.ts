// An AKS cluster with Entra ID + Azure RBAC, OIDC issuer and workload identity, Azure CNI overlay, a
// system pool created with the cluster and an autoscaled user pool managed as its own resource.
import * as fs from "node:fs";
import * as path from "node:path";
import * as command from "@pulumi/command";
import * as authorization from "@pulumi/azure-native/authorization";
import * as containerservice from "@pulumi/azure-native/containerservice";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as resources from "@pulumi/azure-native/resources";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AksClusterConfig } from "../../stacks";
import { builtInRoleId, stableGuid } from "../azure-guid";
import { autoScalerProfile, maintenanceWindow, MAINTENANCE_CONFIGS, networkProfile, systemPoolProfile, userPoolArgs } from "./aks-spec";
import type { AzureClusterFacts, ClusterHandle } from "./handle";
import { clusterEndpoint, execKubeconfig, KUBELOGIN_EXEC } from "./kubeconfig";
import { clusterProvider } from "./provider";

/** Built-in role "Azure Kubernetes Service RBAC Cluster Admin". */
export const AKS_RBAC_CLUSTER_ADMIN_ROLE = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";

/** The per-cluster part of an AKS OIDC issuer URL (`https://<region>.oic.prod-aks.azure.com/<tenant>/<cluster guid>/`). */
function issuerInstanceId(issuerUrl: string): string {
    return issuerUrl.split("/").filter((part) => part !== "").pop() ?? "";
}

/** The script that waits until the deployer's role assignment reaches the API server (read when a cluster is built). */
const waitForApiAccessScript = () => fs.readFileSync(path.join(__dirname, "scripts", "wait-for-api-access.js"), "utf8");

export interface AksClusterArgs {
    config: AksClusterConfig;
    /** Used for default names: `rg-platform-<stack>` and `aks-platform-<stack>`. */
    stackName: string;
}

export class AksCluster extends pulumi.ComponentResource implements ClusterHandle {
    readonly kind = "aks";
    readonly provider: k8s.Provider;
    readonly kubeconfig: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly readyDependencies: pulumi.Resource[];
    readonly azure: AzureClusterFacts;

    constructor(name: string, args: AksClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:cluster:AksCluster", name, {}, opts);
        const { config, stackName } = args;
        const deployerPrincipalId = config.deployerPrincipalId;
        // stacks/ refuses an AKS stack without it; this guards callers that build the config by hand.
        if (deployerPrincipalId === undefined) throw new Error(`cluster.deployerPrincipalId = (missing): required on AKS (stack ${stackName})`);
        // Only tenant and subscription are read from the runner's identity: the same for every identity of a stack.
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
                // Unset under the stable and rapid channels (stacks/ refuses one there): the channel owns the
                // version, and a pinned input would be sent again on the next PUT as a downgrade request.
                ...(config.kubernetesVersion === undefined ? {} : { kubernetesVersion: config.kubernetesVersion }),
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
                ignoreChanges: ["agentPoolProfiles"],
                // The name is fixed, so a replacement must delete the old cluster before creating the new one.
                deleteBeforeReplace: true,
            },
        );
        // A value that is new with every cluster (the OIDC issuer path carries a per-cluster GUID; the ARM id and
        // the name stay the same across a replacement). The provider identifier and the grant's name include it.
        const clusterInstance = cluster.oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? "");
        // Sub-resources AKS deletes with the cluster: replaced with it, never deleted on their own afterwards.
        const onCluster = { parent: this, replaceWith: [cluster], deletedWith: cluster };

        const userPool = new containerservice.AgentPool(
            `${name}-user-pool`,
            { resourceGroupName: group.name, resourceName: cluster.name, ...userPoolArgs(config) },
            // The cluster autoscaler owns `count`; auto-upgrade owns the node version.
            { ...onCluster, ignoreChanges: ["count", "orchestratorVersion"] },
        );

        const windows: containerservice.MaintenanceConfiguration[] = [];
        for (const [role, configName, enabled] of [
            ["upgrade-window", MAINTENANCE_CONFIGS.kubernetes, config.upgradeChannel !== "none"],
            ["node-os-window", MAINTENANCE_CONFIGS.nodeOs, config.nodeOsUpgradeChannel !== "None" && config.nodeOsUpgradeChannel !== "Unmanaged"],
        ] as const) {
            if (!enabled) continue;
            windows.push(
                new containerservice.MaintenanceConfiguration(
                    `${name}-${role}`,
                    { resourceGroupName: group.name, resourceName: cluster.name, configName, maintenanceWindow: maintenanceWindow(config) },
                    // AKS refuses a write while another one holds the cluster (409 OperationNotAllowed): one at a time.
                    { ...onCluster, dependsOn: [userPool, ...windows] },
                ),
            );
        }

        // The deploy app (config, not whoever runs the program): a preview or a person running `up` neither
        // re-keys nor replaces the grant. People reach the cluster through cluster.adminGroupObjectIds.
        const deployerAdmin = new authorization.RoleAssignment(
            `${name}-deployer-admin`,
            {
                roleAssignmentName: stableGuid(cluster.id, clusterInstance, AKS_RBAC_CLUSTER_ADMIN_ROLE, deployerPrincipalId),
                scope: cluster.id,
                roleDefinitionId: builtInRoleId(client.subscriptionId, AKS_RBAC_CLUSTER_ADMIN_ROLE),
                principalId: deployerPrincipalId,
                principalType: config.deployerPrincipalType,
            },
            // Deleted explicitly, never left to the cluster's deletion: a leftover assignment for the same principal,
            // role and scope would make Azure refuse the new cluster's grant (RoleAssignmentExists).
            { parent: this, replaceWith: [cluster] },
        );

        // Server and CA from the user credentials (Azure Kubernetes Service Cluster User Role); the provider's
        // kubeconfig runs kubelogin for each token, so no token is an input and nothing in state grants access.
        // See docs/decisions/cluster-credentials.md.
        const credentials = containerservice.listManagedClusterUserCredentialsOutput({ resourceGroupName: group.name, resourceName: cluster.name, format: "exec" }, { parent: this });
        const kubeconfig = pulumi.secret(credentials.kubeconfigs.apply((configs) => Buffer.from(configs[0].value, "base64").toString("utf8")));
        const providerKubeconfig = kubeconfig.apply((userKubeconfig) => execKubeconfig(userKubeconfig, clusterName));

        // The role assignment exists before it takes effect; nothing touches the cluster until it has. The
        // script fetches its own token through kubelogin after the slow steps, so none is an input here.
        const endpoint = kubeconfig.apply(clusterEndpoint);
        const apiAccess = new command.local.Command(
            `${name}-wait-for-api-access`,
            {
                create: waitForApiAccessScript(),
                interpreter: ["node", "-e"],
                environment: { KUBE_SERVER: endpoint.server, KUBE_CA_DATA: endpoint.apply((e) => e.caData ?? ""), KUBE_EXEC: JSON.stringify(KUBELOGIN_EXEC), WAIT_TIMEOUT_SEC: "600" },
                // Re-check only when the grant or the cluster is new; a later run starts with access in place.
                triggers: [clusterInstance, deployerAdmin.id],
                logging: "stderr",
            },
            { ...onCluster, dependsOn: [deployerAdmin] },
        );

        const provider = clusterProvider(
            `${name}-provider`,
            { kubeconfig: providerKubeconfig, clusterIdentifier: pulumi.interpolate`aks-${stackName}-${clusterName}-${clusterInstance.apply(issuerInstanceId)}` },
            { parent: this, dependsOn: [deployerAdmin, userPool, apiAccess] },
        );

        this.provider = provider;
        this.kubeconfig = kubeconfig;
        this.name = cluster.name;
        this.readyDependencies = [userPool, deployerAdmin, apiAccess];
        this.azure = {
            resourceGroupName: group.name,
            location: config.location,
            oidcIssuerUrl: cluster.oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? ""),
            tenantId: client.tenantId,
        };
        this.registerOutputs({ clusterName: cluster.name, kubeconfig, oidcIssuerUrl: this.azure.oidcIssuerUrl });
    }
}
