/** Creates the protected GitHub environments (github-environments.ts) with @pulumi/github. */
import * as github from "@pulumi/github";
import { PlatformDeploymentsConfig } from "./config";
import { buildGithubEnvironments } from "./github-environments";

export interface GithubEnvironments {
    environments: Record<string, github.RepositoryEnvironment>;
    branchPolicies: github.RepositoryEnvironmentDeploymentPolicy[];
}

export function createGithubEnvironments(cfg: PlatformDeploymentsConfig): GithubEnvironments {
    // The provider acts on the configured owner; its token comes from GITHUB_TOKEN (never from config or state).
    const provider = new github.Provider("github", { owner: cfg.github.owner });
    const created: GithubEnvironments = { environments: {}, branchPolicies: [] };
    for (const { args, branchPatterns } of buildGithubEnvironments(cfg)) {
        const environment = new github.RepositoryEnvironment(`github-environment-${args.environment}`, args, { provider });
        created.environments[args.environment] = environment;
        for (const branchPattern of branchPatterns) {
            created.branchPolicies.push(
                new github.RepositoryEnvironmentDeploymentPolicy(
                    `github-environment-${args.environment}-branch-${branchPattern}`,
                    { repository: args.repository, environment: environment.environment, branchPattern },
                    { provider },
                ),
            );
        }
    }
    return created;
}
