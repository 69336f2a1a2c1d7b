// Every Azure role assignment each committed stack would create, checked against Azure's built-in role ids as
// the Azure docs publish them ("Azure built-in roles": Containers and Security sections). The ids are written
// out here, not imported: a test comparing a constant with itself passes whatever GUID the constant holds,
// including one for a read-only role.
import { strict as assert } from "node:assert";
import { STACKS, synthOnce } from "../support/stacks";

/** Built-in role ids, from the Azure built-in roles reference. */
const BUILT_IN_ROLES: Record<string, string> = {
    "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b": "Azure Kubernetes Service RBAC Cluster Admin",
    "4633458b-17de-408a-b874-0445c86b69e6": "Key Vault Secrets User",
};

/** The role each assignment is meant to grant: whoever deploys administers the cluster; the app only reads secrets. */
const INTENDED: Record<string, string> = {
    "cluster-deployer-admin": "Azure Kubernetes Service RBAC Cluster Admin",
    "platform-secrets-store-app-identity-secrets-user": "Key Vault Secrets User",
};

describe("synth: Azure role assignments grant the intended built-in roles", () => {
    for (const stack of STACKS) {
        it(`${stack}: each assignment's role id is the built-in role it is meant to grant`, async () => {
            const result = await synthOnce(stack);
            const granted = result.resources
                .filter((r) => r.type === "azure-native:authorization:RoleAssignment")
                .map((r) => {
                    const id = String(r.inputs.roleDefinitionId);
                    const match = /\/providers\/Microsoft\.Authorization\/roleDefinitions\/([0-9a-f-]{36})$/.exec(id);
                    assert.ok(match, `${r.name}: roleDefinitionId is not a role definition id: ${id}`);
                    return [r.name, BUILT_IN_ROLES[match[1]] ?? `unknown role ${match[1]}`];
                });
            const kind = result.resources.some((r) => r.type === "azure-native:containerservice:ManagedCluster") ? "aks" : "kind";
            assert.deepEqual(Object.fromEntries(granted), kind === "aks" ? INTENDED : {}, `role assignments of ${stack}`);
        });
    }
});
