/**
 * The deploy identity's right to assign roles, bounded. The platform program creates role assignments (AKS RBAC
 * Cluster Admin for the admin group, Key Vault Secrets User for the app's identity), so its deploy app needs
 * "Role Based Access Control Administrator"; unconditioned, that role can assign Owner to anyone, which makes
 * the deploy identity Owner-equivalent. The condition below (Azure ABAC, condition version 2.0, the "constrain
 * roles" form of Azure's delegation docs) lets it create and delete assignments of exactly the roles the program
 * grants, and nothing else.
 */
import { BUILT_IN_ROLE_IDS, type BuiltInRole } from "./azure-reads";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";

export const RBAC_ADMINISTRATOR_ROLE_ID = BUILT_IN_ROLE_IDS["Role Based Access Control Administrator"];

/** The roles the platform program assigns (components/cluster/aks.ts, components/platform/app-identity.ts). */
const ASSIGNED_BY_THE_PROGRAM: readonly BuiltInRole[] = ["Azure Kubernetes Service RBAC Cluster Admin", "Key Vault Secrets User"];
export const DEPLOY_ASSIGNABLE_ROLES: Readonly<Record<string, string>> = Object.fromEntries(ASSIGNED_BY_THE_PROGRAM.map((role) => [role, BUILT_IN_ROLE_IDS[role]]));

/** Writes and deletes of role assignments are allowed only for the given role definitions. */
export function constrainedRolesCondition(roleIds: readonly string[]): string {
    const set = `{${roleIds.join(", ")}}`;
    return (
        `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${set}))` +
        ` AND ((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals ${set}))`
    );
}

export interface DeployRbacAssignment {
    scope: string;
    roleDefinitionId: string;
    condition: string;
    conditionVersion: "2.0";
    /** The command an Azure admin runs (the assignee is the deploy app, by client id). */
    azCommand: string;
}

export function deployRbacAssignment(cfg: PlatformDeploymentsConfig, stack: DeployedStack): DeployRbacAssignment {
    const target = cfg.azure.targets[stack];
    const scope = `/subscriptions/${target.subscriptionId}`;
    const condition = constrainedRolesCondition(Object.values(DEPLOY_ASSIGNABLE_ROLES));
    return {
        scope,
        roleDefinitionId: `${scope}/providers/Microsoft.Authorization/roleDefinitions/${RBAC_ADMINISTRATOR_ROLE_ID}`,
        condition,
        conditionVersion: "2.0",
        azCommand: `az role assignment create --assignee ${target.clientId} --role ${RBAC_ADMINISTRATOR_ROLE_ID} --scope ${scope} --condition "${condition}" --condition-version 2.0`,
    };
}

export function deployRbacAssignments(cfg: PlatformDeploymentsConfig): Record<DeployedStack, DeployRbacAssignment> {
    return Object.fromEntries(DEPLOYED_STACKS.map((stack) => [stack, deployRbacAssignment(cfg, stack)])) as Record<DeployedStack, DeployRbacAssignment>;
}
