import { strict as assert } from "node:assert";
import { isRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { AKS_RBAC_CLUSTER_ADMIN_ROLE } from "../../../components/cluster";
import { CRITICAL_ADDONS_TAINT, maintenanceWindow, networkProfile } from "../../../components/cluster";
import { presets } from "../../../stacks";
import { plainStackConfig } from "../../../synth";
import { revealSecrets } from "../../../synth";
import type { AksClusterConfig } from "../../../stacks";
import { dependencyNames, one, synthOnce } from "../../support/stacks";

const MANAGED_CLUSTER = "azure-native:containerservice:ManagedCluster";
const AGENT_POOL = "azure-native:containerservice:AgentPool";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function aks(stack: "staging" | "prod") {
    const result = await synthOnce(stack);
    return { result, cluster: one(result, MANAGED_CLUSTER).inputs as Inputs, clusterResource: one(result, MANAGED_CLUSTER), pool: one(result, AGENT_POOL) };
}

describe("components/cluster/aks", () => {
    for (const stack of ["staging", "prod"] as const) {
        it(`${stack}: Entra ID with Azure RBAC, OIDC issuer, workload identity and CNI overlay`, async () => {
            const { cluster } = await aks(stack);
            const config = plainStackConfig(stack).cluster as AksClusterConfig;
            assert.deepEqual(cluster.aadProfile.managed, true);
            assert.equal(cluster.aadProfile.enableAzureRBAC, true);
            assert.deepEqual(cluster.aadProfile.adminGroupObjectIDs, config.adminGroupObjectIds);
            assert.deepEqual(cluster.oidcIssuerProfile, { enabled: true });
            assert.deepEqual(cluster.securityProfile, { workloadIdentity: { enabled: true } });
            assert.equal(cluster.networkProfile.networkPlugin, "azure");
            assert.equal(cluster.networkProfile.networkPluginMode, "overlay");
            assert.equal(cluster.networkProfile.networkPolicy, "cilium");
            assert.equal(cluster.networkProfile.networkDataplane, "cilium");
            assert.equal(cluster.identity.type, "UserAssigned");
            assert.equal(cluster.kubernetesVersion, undefined, "both channels (rapid, stable) own the version: none is sent");
            assert.equal(cluster.autoScalerProfile.expander, "least-waste");
            assert.deepEqual(cluster.autoUpgradeProfile, { upgradeChannel: config.upgradeChannel, nodeOSUpgradeChannel: config.nodeOsUpgradeChannel });
        });
    }

    it("staging: Free tier, one untainted system node without zones, user pool 1-3, local accounts on, not protected", async () => {
        const { cluster, clusterResource, pool } = await aks("staging");
        assert.deepEqual(cluster.sku, { name: "Base", tier: "Free" });
        assert.equal(cluster.disableLocalAccounts, false);
        const system = cluster.agentPoolProfiles[0];
        assert.equal(system.mode, "System");
        assert.equal(system.count, 1);
        assert.equal(system.availabilityZones, undefined);
        assert.equal(system.nodeTaints, undefined);
        assert.deepEqual([pool.inputs.minCount, pool.inputs.maxCount, pool.inputs.enableAutoScaling], [1, 3, true]);
        assert.equal(clusterResource.options.protect, false);
        assert.deepEqual(clusterResource.options.ignoreChanges, ["agentPoolProfiles"]);
        assert.equal("kubernetesVersion" in cluster, false, "the rapid channel owns the version: staging takes each new minor before prod");
        assert.deepEqual(cluster.autoUpgradeProfile, { upgradeChannel: "rapid", nodeOSUpgradeChannel: "SecurityPatch" });
    });

    it("prod: Standard tier, 3 tainted system nodes across zones 1-3, user pool 3-10 across zones, local accounts off, protected", async () => {
        const { result, cluster, clusterResource, pool } = await aks("prod");
        assert.deepEqual(cluster.sku, { name: "Base", tier: "Standard" });
        assert.equal(cluster.disableLocalAccounts, true);
        const system = cluster.agentPoolProfiles[0];
        assert.deepEqual([system.mode, system.count, system.availabilityZones, system.nodeTaints], ["System", 3, ["1", "2", "3"], [CRITICAL_ADDONS_TAINT]]);
        assert.deepEqual([pool.inputs.mode, pool.inputs.minCount, pool.inputs.maxCount, pool.inputs.availabilityZones], ["User", 3, 10, ["1", "2", "3"]]);
        assert.ok(clusterResource.options.protect, "the prod cluster must be protected");
        assert.ok(one(result, "azure-native:resources:ResourceGroup").options.protect, "the prod resource group must be protected");
        assert.deepEqual(clusterResource.options.ignoreChanges, ["agentPoolProfiles"]);
        assert.equal("kubernetesVersion" in cluster, false, "the stable channel owns the version: none is sent, so no PUT can ask for a downgrade");
    });

    it("manages the user pool as its own autoscaled AgentPool whose count is ignored on update", async () => {
        for (const stack of ["staging", "prod"] as const) {
            const { pool } = await aks(stack);
            assert.deepEqual(pool.options.ignoreChanges, ["count", "orchestratorVersion"]);
            assert.deepEqual(pool.inputs.nodeLabels, { "platform/workload": "true" });
            assert.equal(pool.inputs.count, pool.inputs.minCount);
            assert.ok(dependencyNames(pool).includes("cluster-cluster"));
        }
    });

    it("grants the configured deploy principal (not whoever runs the program) RBAC cluster admin and builds the provider after it", async () => {
        const { result } = await aks("prod");
        const grant = one(result, "azure-native:authorization:RoleAssignment", "cluster-deployer-admin");
        assert.equal(grant.inputs.principalId, (plainStackConfig("prod").cluster as AksClusterConfig).deployerPrincipalId);
        assert.equal(grant.inputs.principalId, "00000000-0000-0000-0000-000000000000", "Pulumi.prod.yaml's committed placeholder");
        assert.equal(grant.inputs.principalType, "ServicePrincipal", "azure-native would otherwise send User, which Azure rejects for a service principal");
        assert.match(String(grant.inputs.roleDefinitionId), new RegExp(`/roleDefinitions/${AKS_RBAC_CLUSTER_ADMIN_ROLE}$`));
        assert.match(String(grant.inputs.roleAssignmentName), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        const provider = one(result, "pulumi:providers:kubernetes", "cluster-provider");
        for (const needed of ["cluster-deployer-admin", "cluster-user-pool", "cluster-cluster", "cluster-wait-for-api-access"]) assert.ok(dependencyNames(provider).includes(needed), needed);
        assert.ok(isRpcSecret(provider.inputs.kubeconfig));
        assert.ok(isRpcSecret(result.outputs.kubeconfig));
        assert.match(String(result.outputs.oidcIssuerUrl), /^https:\/\/.+\/$/);
    });

    it("sets both maintenance windows from config", async () => {
        const { result } = await aks("prod");
        const windows = result.resources.filter((r) => r.type === "azure-native:containerservice:MaintenanceConfiguration");
        assert.deepEqual(windows.map((w) => w.inputs.configName).sort(), ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"]);
        for (const window of windows) assert.deepEqual(window.inputs.maintenanceWindow, maintenanceWindow(presets.prod.cluster as AksClusterConfig));
        assert.deepEqual(maintenanceWindow({ ...(presets.prod.cluster as AksClusterConfig), maintenanceWindow: { dayOfWeek: "Monday", startHourUtc: 3, durationHours: 6 } }), {
            schedule: { weekly: { dayOfWeek: "Monday", intervalWeeks: 1 } },
            durationHours: 6,
            startTime: "03:00",
            utcOffset: "+00:00",
        });
    });

    it("uses the Cilium dataplane only with Cilium network policy", () => {
        const calico = networkProfile({ ...(presets.staging.cluster as AksClusterConfig), networkPolicy: "calico" });
        assert.equal(calico.networkPolicy, "calico");
        assert.equal("networkDataplane" in calico, false);
    });

    it("waits for the cluster-admin grant to take effect before the provider touches the cluster", async () => {
        const { result } = await aks("prod");
        const wait = one(result, "command:local:Command", "cluster-wait-for-api-access");
        assert.ok(dependencyNames(wait).includes("cluster-deployer-admin"), "the wait starts once the assignment exists");
        assert.deepEqual(wait.inputs.interpreter, ["node", "-e"], "runs on the Node every Pulumi runner already has");
        assert.match(String(wait.inputs.create), /selfsubjectaccessreviews/, "asks the API server, not a timer");
        const env = revealSecrets(wait.inputs.environment) as Record<string, string>;
        assert.deepEqual(Object.keys(env).sort(), ["KUBE_CA_DATA", "KUBE_EXEC", "KUBE_SERVER", "WAIT_TIMEOUT_SEC"], "no token among the inputs: the script runs kubelogin itself");
        assert.deepEqual([env.KUBE_SERVER, env.WAIT_TIMEOUT_SEC], ["https://synth.hcp.westeurope.azmk8s.io:443", "600"]);
        assert.deepEqual(JSON.parse(env.KUBE_EXEC), { command: "kubelogin", args: ["get-token", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"] });
        assert.equal((wait.inputs.triggers as string[]).length, 2);
        assert.match(String((wait.inputs.triggers as string[])[0]), /^https:\/\/.+\/$/, "the cluster instance (OIDC issuer), which a replacement changes");
        assert.equal((wait.inputs.triggers as string[])[1], "cluster-deployer-admin-id");
        for (const consumer of ["platform-argocd-namespace", "platform-monitoring-namespace"]) {
            const namespace = result.resources.find((r) => r.name === consumer);
            assert.ok(namespace && dependencyNames(namespace).includes("cluster-wait-for-api-access"), `${consumer} waits for API access`);
        }
    });

    it("gives the provider an exec kubeconfig (kubelogin) for the AKS server app: no token, key or password", async () => {
        for (const stack of ["staging", "prod"] as const) {
            const { result } = await aks(stack);
            const provider = one(result, "pulumi:providers:kubernetes", "cluster-provider");
            const kubeconfig = String(revealSecrets(provider.inputs.kubeconfig));
            assert.match(kubeconfig, /command: kubelogin/);
            assert.match(kubeconfig, /- 6dae42f8-4368-4678-94ff-3960e28e3630/);
            assert.doesNotMatch(kubeconfig, /token:|client-key|password|devicecode/);
            assert.match(kubeconfig, /server: https:\/\/synth.hcp.westeurope.azmk8s.io:443/);
        }
    });

    it("replaces the provider, the grant and the pool-level resources with a new cluster, deleting the fixed-name cluster first", async () => {
        for (const stack of ["staging", "prod"] as const) {
            const { result, clusterResource } = await aks(stack);
            assert.equal(clusterResource.options.deleteBeforeReplace, true, "aks-platform-<stack> cannot exist twice");
            const issuer = String(result.outputs.oidcIssuerUrl);
            const instance = issuer.split("/").filter(Boolean).pop();
            const provider = one(result, "pulumi:providers:kubernetes", "cluster-provider");
            assert.equal(provider.inputs.clusterIdentifier, `aks-${stack}-aks-platform-${stack}-${instance}`, "changes with a new cluster, stays with a new token");
            const followers = result.resources.filter((r) => ["cluster-user-pool", "cluster-deployer-admin", "cluster-wait-for-api-access", "cluster-upgrade-window", "cluster-node-os-window"].includes(r.name));
            assert.equal(followers.length, 5);
            for (const resource of followers) {
                assert.deepEqual(resource.options.replaceWith, [clusterResource.urn], `${resource.name} is replaced with the cluster`);
                // AKS deletes its pools and windows with the cluster; the grant is deleted by Pulumi itself.
                assert.equal(resource.options.deletedWith, resource.name === "cluster-deployer-admin" ? "" : clusterResource.urn, resource.name);
            }
        }
    });

    it("writes the maintenance configurations after the user pool and one after the other (AKS: 409 OperationNotAllowed)", async () => {
        const { result } = await aks("prod");
        const upgrade = one(result, "azure-native:containerservice:MaintenanceConfiguration", "cluster-upgrade-window");
        const nodeOs = one(result, "azure-native:containerservice:MaintenanceConfiguration", "cluster-node-os-window");
        assert.ok(dependencyNames(upgrade).includes("cluster-user-pool"));
        assert.ok(dependencyNames(nodeOs).includes("cluster-user-pool"));
        assert.ok(dependencyNames(nodeOs).includes("cluster-upgrade-window"));
    });
});
