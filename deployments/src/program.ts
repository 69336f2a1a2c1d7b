/**
 * Creates the Pulumi Cloud resources. All inputs come from the pure builders in
 * ./settings, so what is asserted in the unit tests is exactly what is sent.
 */
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";
import { PreviewAccess, createPreviewAccess } from "./create-access";
import { Governance, createGovernance } from "./create-governance";
import { buildDeploymentSettingsArgs, escEnvironmentId, renderEscEnvironmentYaml } from "./settings";

export interface PlatformDeployments {
    environments: Record<DeployedStack, pulumiservice.Environment>;
    deploymentSettings: Record<DeployedStack, pulumiservice.DeploymentSettings>;
    /** Read-only preview identities and the GitHub OIDC issuer (access.ts). */
    previewAccess: PreviewAccess;
    /** Published policy pack, its policy group, drift schedules (governance.ts). */
    governance: Governance;
}

export function createPlatformDeployments(cfg: PlatformDeploymentsConfig): PlatformDeployments {
    const environments = {} as PlatformDeployments["environments"];
    const deploymentSettings = {} as PlatformDeployments["deploymentSettings"];

    for (const stack of DEPLOYED_STACKS) {
        const env = escEnvironmentId(cfg, stack);
        environments[stack] = new pulumiservice.Environment(`esc-azure-${stack}`, {
            organization: cfg.pulumiOrg,
            project: env.project,
            name: env.name,
            yaml: new pulumi.asset.StringAsset(renderEscEnvironmentYaml(cfg, stack)),
        });

        const args: pulumiservice.DeploymentSettingsArgs = buildDeploymentSettingsArgs(cfg, stack);
        // The stack's deployments open the ESC environment, so create it first.
        deploymentSettings[stack] = new pulumiservice.DeploymentSettings(`deployment-settings-${stack}`, args, {
            dependsOn: [environments[stack]],
        });
    }

    const previewAccess = createPreviewAccess(cfg);
    const governance = createGovernance(cfg, deploymentSettings);

    return { environments, deploymentSettings, previewAccess, governance };
}
