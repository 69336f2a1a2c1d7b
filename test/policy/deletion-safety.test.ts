// Which resources survive a mistaken `pulumi destroy` (protect) or outlive their Pulumi resource
// (retainOnDelete), per stack, read from the synth. policy/README.md ("Deletion safety") explains each.
import { strict as assert } from "node:assert";
import { presets } from "../../stacks";
import type { Environment } from "../../stacks";
import { plainStackConfig } from "../../synth";
import type { RecordedResource } from "../../synth";
import { STACKS, synthOnce } from "../support/stacks";

const VAULT = "azure-native:keyvault:Vault";
const id = (resource: RecordedResource) => `${resource.type}::${resource.name}`;

/** Protected resources per environment (a stack's preset), besides every Key Vault in prod. */
const EXPECTED_PROTECTED: Record<Environment, string[]> = {
    dev: [],
    staging: [],
    prod: [
        "azure-native:containerservice:ManagedCluster::cluster-cluster",
        "azure-native:resources:ResourceGroup::cluster-rg",
        // The vault's name suffix: a new draw would rename (replace) the protected vault.
        "random:index/randomString:RandomString::platform-secrets-store-key-vault-name-suffix",
    ],
};

/** Resources Pulumi leaves in place when it deletes them; none today (see the README for why). */
const EXPECTED_RETAINED: Record<Environment, string[]> = { dev: [], staging: [], prod: [] };

describe("deletion safety: protect and retainOnDelete per stack", () => {
    for (const stack of STACKS) {
        const environment = plainStackConfig(stack).environment;
        it(`${stack}: exactly the expected resources are protected${environment === "prod" ? " (cluster, its resource group, every Key Vault)" : " (none)"}`, async () => {
            const { resources } = await synthOnce(stack);
            const vaults = environment === "prod" ? resources.filter((resource) => resource.type === VAULT).map(id) : [];
            const expected = [...EXPECTED_PROTECTED[environment], ...vaults].sort();
            assert.deepEqual(resources.filter((resource) => resource.options.protect).map(id).sort(), expected);
        });

        it(`${stack}: exactly the expected resources are retained on delete`, async () => {
            const { resources } = await synthOnce(stack);
            assert.deepEqual(resources.filter((resource) => resource.options.retainOnDelete).map(id).sort(), EXPECTED_RETAINED[environment]);
        });
    }

    it("the presets protect and keep recoverable only prod's cluster and vault", () => {
        assert.deepEqual(
            Object.fromEntries(Object.entries(presets).map(([name, preset]) => [name, { cluster: "protect" in preset.cluster ? preset.cluster.protect : false, vault: preset.secretsStore.keyVault }])),
            {
                dev: { cluster: false, vault: { softDeleteRetentionDays: 7, purgeProtection: false, protect: false } },
                staging: { cluster: false, vault: { softDeleteRetentionDays: 7, purgeProtection: false, protect: false } },
                prod: { cluster: true, vault: { softDeleteRetentionDays: 90, purgeProtection: true, protect: true } },
            },
        );
    });
});
