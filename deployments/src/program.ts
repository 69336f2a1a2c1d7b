/**
 * Creates the Pulumi Cloud resources. All inputs come from the pure builders in
 * ./settings, so what is asserted in the unit tests is exactly what is sent.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";
import { PreviewAccess, createPreviewAccess } from "./create-access";
import { GithubEnvironments, createGithubEnvironments } from "./create-github-environments";
import { Governance, createGovernance } from "./create-governance";
import { GOVERNANCE_ENVIRONMENT_SKELETON, buildSelfDeploymentSettingsArgs, governanceEnvironmentId } from "./self-deployment";
import { buildDeploymentSettingsArgs, escEnvironmentId, escSecretsEnvironmentId, renderEscEnvironmentYaml } from "./settings";

/** Every key empty: the starting point of each stack's secrets environment (see the file's header). */
export const STACK_SECRETS_SKELETON = path.join(__dirname, "..", "esc", "stack-secrets.yaml");

export interface PlatformDeployments {
    environments: Record<DeployedStack, pulumiservice.Environment>;
    secretsEnvironments: Record<DeployedStack, pulumiservice.Environment>;
    deploymentSettings: Record<DeployedStack, pulumiservice.DeploymentSettings>;
    /** Read-only preview identities and the GitHub OIDC issuer (access.ts). */
    previewAccess: PreviewAccess;
    /** Published policy pack, its policy group, drift schedules (governance.ts). */
    governance: Governance;
    /** This program's own deployments (self-deployment.ts) and the ESC environment they open. */
    selfDeployment: { environment: pulumiservice.Environment; settings: pulumiservice.DeploymentSettings };
    /** The protected GitHub environments the workflows name (github-environments.ts); absent when managed elsewhere. */
    githubEnvironments?: GithubEnvironments;
}

export function createPlatformDeployments(cfg: PlatformDeploymentsConfig): PlatformDeployments {
    const environments = {} as PlatformDeployments["environments"];
    const secretsEnvironments = {} as PlatformDeployments["secretsEnvironments"];
    const deploymentSettings = {} as PlatformDeployments["deploymentSettings"];

    for (const stack of DEPLOYED_STACKS) {
        const env = escEnvironmentId(cfg, stack);
        environments[stack] = new pulumiservice.Environment(`esc-azure-${stack}`, {
            organization: cfg.pulumiOrg,
            project: env.project,
            name: env.name,
            yaml: new pulumi.asset.StringAsset(renderEscEnvironmentYaml(cfg, stack)),
        });

        const secrets = escSecretsEnvironmentId(cfg, stack);
        secretsEnvironments[stack] = new pulumiservice.Environment(
            `esc-secrets-${stack}`,
            { organization: cfg.pulumiOrg, project: secrets.project, name: secrets.name, yaml: new pulumi.asset.StringAsset(fs.readFileSync(STACK_SECRETS_SKELETON, "utf8")) },
            // Created once, then the maintainers' values rule: never overwritten, and kept if this program is destroyed.
            { ignoreChanges: ["yaml"], retainOnDelete: true },
        );

        const args: pulumiservice.DeploymentSettingsArgs = buildDeploymentSettingsArgs(cfg, stack);
        // The stack's deployments open the ESC environments, so create them first.
        deploymentSettings[stack] = new pulumiservice.DeploymentSettings(`deployment-settings-${stack}`, args, {
            dependsOn: [environments[stack], secretsEnvironments[stack]],
        });
    }

    const previewAccess = createPreviewAccess(cfg);
    const governance = createGovernance(cfg, deploymentSettings);

    const githubEnvironments = cfg.manageGithubEnvironments ? createGithubEnvironments(cfg) : undefined;

    const governanceEnv = governanceEnvironmentId(cfg);
    const selfEnvironment = new pulumiservice.Environment(
        "esc-platform-governance",
        { organization: cfg.pulumiOrg, project: governanceEnv.project, name: governanceEnv.name, yaml: new pulumi.asset.StringAsset(GOVERNANCE_ENVIRONMENT_SKELETON) },
        // The token a maintainer sets is never overwritten, and kept if this program is destroyed.
        { ignoreChanges: ["yaml"], retainOnDelete: true },
    );
    const selfSettings = new pulumiservice.DeploymentSettings(
        "deployment-settings-self",
        buildSelfDeploymentSettingsArgs(cfg, { project: pulumi.getProject(), stack: pulumi.getStack() }),
        { dependsOn: [selfEnvironment] },
    );
    const selfDeployment = { environment: selfEnvironment, settings: selfSettings };

    return { environments, secretsEnvironments, deploymentSettings, previewAccess, governance, selfDeployment, githubEnvironments };
}
