/**
 * Creates the preview identities (access.ts): per stack the read-only ESC environment, the
 * preview team with its stack and environment permissions, and the GitHub OIDC issuer whose
 * policies hand out only those teams' tokens.
 */
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import * as YAML from "yaml";
import { buildGithubOidcIssuerArgs, buildPreviewEnvironmentDefinition, buildPreviewTeamArgs, previewEnvironmentId } from "./access";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";

export interface PreviewAccess {
    environments: Record<DeployedStack, pulumiservice.Environment>;
    teams: Record<DeployedStack, pulumiservice.Team>;
    stackPermissions: Record<DeployedStack, pulumiservice.TeamStackPermission>;
    environmentPermissions: Record<DeployedStack, pulumiservice.TeamEnvironmentPermission>;
    githubOidcIssuer?: pulumiservice.OidcIssuer;
}

export function renderPreviewEnvironmentYaml(cfg: PlatformDeploymentsConfig, stack: DeployedStack): string {
    const header =
        `# Managed by the platform-deployments Pulumi program (deployments/ in ${cfg.github.owner}/${cfg.github.repo}).\n` +
        `# Read-only identity for pull-request previews of ${cfg.platformProject}/${stack}: the preview workflow points the\n` +
        `# stack at this environment instead of its deploy environments, which previews cannot open.\n`;
    return header + YAML.stringify(buildPreviewEnvironmentDefinition(cfg, stack), { lineWidth: 0 });
}

export function createPreviewAccess(cfg: PlatformDeploymentsConfig): PreviewAccess {
    const access = { environments: {}, teams: {}, stackPermissions: {}, environmentPermissions: {} } as PreviewAccess;
    for (const stack of DEPLOYED_STACKS) {
        const env = previewEnvironmentId(cfg, stack);
        access.environments[stack] = new pulumiservice.Environment(`esc-${stack}-preview`, {
            organization: cfg.pulumiOrg,
            project: env.project,
            name: env.name,
            yaml: new pulumi.asset.StringAsset(renderPreviewEnvironmentYaml(cfg, stack)),
        });
        const args = buildPreviewTeamArgs(cfg, stack);
        const team = new pulumiservice.Team(`team-preview-${stack}`, args.team);
        access.teams[stack] = team;
        access.stackPermissions[stack] = new pulumiservice.TeamStackPermission(`team-preview-${stack}-stack`, args.stackPermission, {
            dependsOn: [team],
        });
        access.environmentPermissions[stack] = new pulumiservice.TeamEnvironmentPermission(
            `team-preview-${stack}-environment`,
            args.environmentPermission,
            { dependsOn: [team, access.environments[stack]] },
        );
    }
    if (cfg.registerGithubOidcIssuer) {
        const issuerArgs: pulumiservice.OidcIssuerArgs = buildGithubOidcIssuerArgs(cfg);
        access.githubOidcIssuer = new pulumiservice.OidcIssuer("github-actions-oidc-issuer", issuerArgs, {
            dependsOn: Object.values(access.teams),
        });
    }
    return access;
}
