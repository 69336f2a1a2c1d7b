/**
 * Creates the Pulumi Cloud resources. All inputs come from the pure builders in
 * ./settings, so what is asserted in the unit tests is exactly what is sent.
 */
import * as pulumi from "@pulumi/pulumi";
import * as pulumiservice from "@pulumi/pulumiservice";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";
import {
    buildDeploymentSettingsArgs,
    buildGithubOidcIssuerArgs,
    escEnvironmentId,
    renderEscEnvironmentYaml,
} from "./settings";

export interface PlatformDeployments {
    environments: Record<DeployedStack, pulumiservice.Environment>;
    deploymentSettings: Record<DeployedStack, pulumiservice.DeploymentSettings>;
    githubOidcIssuer?: pulumiservice.OidcIssuer;
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

    let githubOidcIssuer: pulumiservice.OidcIssuer | undefined;
    if (cfg.registerGithubOidcIssuer) {
        const issuerArgs: pulumiservice.OidcIssuerArgs = buildGithubOidcIssuerArgs(cfg);
        githubOidcIssuer = new pulumiservice.OidcIssuer("github-actions-oidc-issuer", issuerArgs);
    }

    return { environments, deploymentSettings, githubOidcIssuer };
}
