import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseConfig } from "../src/config";
import { DEPLOY_ASSIGNABLE_ROLES, deployRbacAssignment } from "../src/deploy-rbac";
import { REPO_ROOT } from "../src/versions";
import { STAGING_CLIENT, STAGING_SUB, getter, validRaw } from "./fixtures";

const cfg = parseConfig(getter(validRaw()));
// Built-in role ids from Azure's built-in roles reference.
const AKS_RBAC_CLUSTER_ADMIN = "b1ff04bb-8a4e-4dc4-8eb5-8693973ce19b";
const KEY_VAULT_SECRETS_USER = "4633458b-17de-408a-b874-0445c86b69e6";
const RBAC_ADMINISTRATOR = "f58310d9-a9f6-439a-9e8d-f62e7b41a168";

describe("deploy identity: Role Based Access Control Administrator, bounded by a condition", () => {
    it("may assign and remove exactly AKS RBAC Cluster Admin and Key Vault Secrets User", () => {
        const assignment = deployRbacAssignment(cfg, "staging");
        assert.equal(assignment.roleDefinitionId, `/subscriptions/${STAGING_SUB}/providers/Microsoft.Authorization/roleDefinitions/${RBAC_ADMINISTRATOR}`);
        assert.equal(assignment.conditionVersion, "2.0");
        const set = `{${AKS_RBAC_CLUSTER_ADMIN}, ${KEY_VAULT_SECRETS_USER}}`;
        assert.equal(
            assignment.condition,
            `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${set}))` +
                ` AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${set}))`,
        );
        assert.match(assignment.azCommand, new RegExp(`--assignee ${STAGING_CLIENT} --role ${RBAC_ADMINISTRATOR} --scope /subscriptions/${STAGING_SUB} --condition ".+" --condition-version 2\\.0$`));
    });

    it("the assignable roles are exactly the built-in roles the platform program assigns", () => {
        const granted = new Set<string>();
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (entry.name.endsWith(".ts")) for (const m of fs.readFileSync(full, "utf8").matchAll(/_ROLE = "([0-9a-f-]{36})"/g)) granted.add(m[1]);
            }
        };
        walk(path.join(REPO_ROOT, "components"));
        assert.deepEqual([...granted].sort(), [AKS_RBAC_CLUSTER_ADMIN, KEY_VAULT_SECRETS_USER].sort(), "components/ grants a role the condition does not allow (or no longer grants one it allows)");
        assert.deepEqual(Object.values(DEPLOY_ASSIGNABLE_ROLES).sort(), [...granted].sort());
    });
});
