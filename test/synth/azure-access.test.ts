// The program's Azure invokes against the identities that run it (deployments/): every invoke staging and prod
// make is in the table of reads (deployments/src/azure-reads.ts) and allowed to both the deploy and the preview
// app by a role that app holds. A new invoke, or a role taken away, fails here before a preview fails on a PR.
import { strict as assert } from "node:assert";
import { DEPLOY_AZURE_ROLES, PREVIEW_AZURE_ROLES } from "../../deployments/src/access";
import { AZURE_READS, BUILT_IN_ROLE_IDS, ungrantedInvokes } from "../../deployments/src/azure-reads";
import { AKS_RBAC_CLUSTER_ADMIN_ROLE } from "../../components/cluster";
import { synthOnce } from "../support/stacks";

describe("synth: every Azure invoke is granted to the identities that run the program", () => {
    for (const stack of ["staging", "prod"] as const) {
        it(`${stack}: the deploy and the preview app may make every invoke of the program`, async () => {
            const { invokes } = await synthOnce(stack);
            const azure = invokes.filter((token) => token.startsWith("azure-native:"));
            assert.ok(azure.includes("azure-native:containerservice:listManagedClusterUserCredentials"), "the invokes were collected");
            assert.deepEqual(ungrantedInvokes(azure, "deploy", DEPLOY_AZURE_ROLES), []);
            assert.deepEqual(ungrantedInvokes(azure, "preview", PREVIEW_AZURE_ROLES), []);
            assert.deepEqual(invokes.filter((token) => !token.startsWith("azure-native:")), [], "only Azure invokes are mapped; another provider's needs its own table");
        });
    }

    it("every read in the table is allowed to both identities by a role they hold", () => {
        for (const read of AZURE_READS) {
            for (const role of read.preview) assert.ok(PREVIEW_AZURE_ROLES.includes(role), `preview: ${read.what} needs ${role}`);
            for (const role of read.deploy) assert.ok([...DEPLOY_AZURE_ROLES, "Azure Kubernetes Service RBAC Cluster Admin"].includes(role), `deploy: ${read.what} needs ${role}`);
        }
    });

    it("fails for an invoke missing from the table, or needing a role the identity lacks", () => {
        assert.deepEqual(ungrantedInvokes(["azure-native:containerservice:listManagedClusterAdminCredentials"], "preview", PREVIEW_AZURE_ROLES), [
            "azure-native:containerservice:listManagedClusterAdminCredentials: not in deployments/src/azure-reads.ts; add it with the role that allows it to each identity",
        ]);
        const [problem] = ungrantedInvokes(["azure-native:containerservice:listManagedClusterUserCredentials"], "preview", ["Reader", "Azure Kubernetes Service RBAC Reader"]);
        assert.match(problem, /the preview identity needs Azure Kubernetes Service Cluster User Role \(Microsoft\.ContainerService\/managedClusters\/listClusterUserCredential\/action\)/);
    });

    it("names the built-in roles by their documented ids", () => {
        // Ids from Microsoft's "Azure built-in roles" reference.
        assert.deepEqual(BUILT_IN_ROLE_IDS, {
            Reader: "acdd72a7-3385-48ef-bd42-f606fba81ae7",
            Contributor: "b24988ac-6180-42a0-ab88-20f7382dd24c",
            "Role Based Access Control Administrator": "f58310d9-a9f6-439a-9e8d-f62e7b41a168",
            "Azure Kubernetes Service Cluster User Role": "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
            "Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
            "Azure Kubernetes Service RBAC Cluster Admin": "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b",
            "Key Vault Secrets User": "4633458b-17de-408a-b874-0445c86b69e6",
        });
        assert.equal(BUILT_IN_ROLE_IDS["Azure Kubernetes Service RBAC Cluster Admin"], AKS_RBAC_CLUSTER_ADMIN_ROLE, "the role the program grants is the one the table assumes");
    });
});
