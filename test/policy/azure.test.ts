import { strict as assert } from "node:assert";
import { agentPool, DEV, managedCluster, messages, PROD, resourceGroup, STAGING, vault } from "./fixtures";

describe("policy rules: Azure", () => {
    describe("aks-identity-and-rbac", () => {
        it("passes a cluster with OIDC issuer, workload identity and Entra ID + Azure RBAC", () => {
            assert.deepEqual(messages("aks-identity-and-rbac", managedCluster()), []);
        });

        it("fails each missing piece (exact message)", () => {
            assert.deepEqual(messages("aks-identity-and-rbac", managedCluster({ oidcIssuerProfile: undefined })), [
                `AKS cluster "cluster-cluster": the OIDC issuer is off (oidcIssuerProfile.enabled unset); workload identity federates through it. Fix: set oidcIssuerProfile: { enabled: true }.`,
            ]);
            assert.deepEqual(messages("aks-identity-and-rbac", managedCluster({ aadProfile: { managed: true } })), [
                `AKS cluster "cluster-cluster": Kubernetes access is not authorised by Entra ID with Azure RBAC (aadProfile.managed true, enableAzureRBAC unset). Fix: set aadProfile: { managed: true, enableAzureRBAC: true }.`,
            ]);
            assert.match(messages("aks-identity-and-rbac", managedCluster({ securityProfile: {} }))[0], /workload identity is off/);
            assert.match(messages("aks-identity-and-rbac", managedCluster({ enableRBAC: false }))[0], /Kubernetes RBAC is disabled/);
        });
    });

    describe("aks-production-hardening", () => {
        const stagingShaped = () => managedCluster({ disableLocalAccounts: false, sku: { name: "Base", tier: "Free" }, agentPoolProfiles: [{ name: "system", mode: "System" }] }, false);

        it("holds only in prod", () => {
            assert.deepEqual(messages("aks-production-hardening", [stagingShaped(), agentPool()], STAGING), []);
            assert.deepEqual(messages("aks-production-hardening", [stagingShaped(), agentPool()], DEV), []);
            assert.deepEqual(messages("aks-production-hardening", [managedCluster(), agentPool(["1", "2", "3"])], PROD), []);
        });

        it("in prod requires disabled local accounts, zones on every pool and an SLA tier (exact messages)", () => {
            assert.deepEqual(messages("aks-production-hardening", [stagingShaped(), agentPool(["1"])], PROD), [
                `AKS cluster "cluster-cluster" keeps local accounts in prod (disableLocalAccounts false); the static admin kubeconfig bypasses Entra ID and its audit. Fix: set disableLocalAccounts: true.`,
                `AKS cluster "cluster-cluster": pool "system" is not spread over zones in prod (availabilityZones unset); one zone outage would take all its nodes. Fix: set availabilityZones to at least two zones, e.g. ["1", "2", "3"].`,
                `AKS cluster "cluster-cluster" uses the "Free" tier in prod; only Standard and Premium carry the API server uptime SLA. Fix: set sku.tier: "Standard".`,
                `AKS node pool "cluster-user-pool" (pool "user") is not spread over zones in prod (availabilityZones ["1"]); one zone outage would take all its nodes. Fix: set availabilityZones to at least two zones, e.g. ["1", "2", "3"].`,
            ]);
        });
    });

    describe("keyvault-rbac-and-recovery", () => {
        it("passes an RBAC vault with purge protection", () => {
            assert.deepEqual(messages("keyvault-rbac-and-recovery", vault(), PROD), []);
        });

        it("requires RBAC mode and soft delete everywhere, purge protection in prod only", () => {
            assert.deepEqual(messages("keyvault-rbac-and-recovery", vault({ enableRbacAuthorization: false }), STAGING), [
                `Key Vault "secrets-vault" is not in Azure RBAC mode (properties.enableRbacAuthorization false); access policies bypass role assignments. Fix: set enableRbacAuthorization: true.`,
            ]);
            assert.match(messages("keyvault-rbac-and-recovery", vault({ enableSoftDelete: false }), DEV)[0], /disables soft delete/);
            assert.deepEqual(messages("keyvault-rbac-and-recovery", vault({ enablePurgeProtection: undefined }), STAGING), []);
            assert.deepEqual(messages("keyvault-rbac-and-recovery", vault({ enablePurgeProtection: undefined }), PROD), [
                `Key Vault "secrets-vault" has no purge protection in prod (properties.enablePurgeProtection unset); whoever can delete it can also purge it before anyone recovers it. Fix: set enablePurgeProtection: true.`,
            ]);
        });
    });

    describe("production-deletion-protection", () => {
        it("requires protect on the cluster, vaults and resource groups in prod only", () => {
            const unprotected = [managedCluster({}, false), vault({}, false), resourceGroup(false), agentPool(["1", "2"])];
            assert.deepEqual(messages("production-deletion-protection", unprotected, STAGING), []);
            assert.deepEqual(messages("production-deletion-protection", [managedCluster(), vault(), resourceGroup()], PROD), []);
            const found = messages("production-deletion-protection", unprotected, PROD);
            assert.equal(found.length, 3);
            assert.equal(
                found[0],
                `AKS cluster "cluster-cluster" is not protected in prod; a mistaken destroy, rename or replacement would delete it. Fix: set the protect resource option (stack config cluster.protect or secretsStore.keyVault.protect).`,
            );
        });
    });
});
