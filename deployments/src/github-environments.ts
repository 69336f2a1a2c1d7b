/**
 * The GitHub environments the workflows name, as code. A job that names an environment which does
 * not exist makes GitHub create it on the spot, unprotected; so every environment a workflow uses
 * is created here with its protection, and test/github-environments.test.ts fails when a workflow
 * names one that is not. Pure inputs; created by create-github-environments.ts.
 *
 * Plan: required reviewers, prevent self-review and admin-bypass settings are enforced in public
 * repositories on every GitHub plan, and in private or internal ones only with GitHub Enterprise;
 * deployment-branch policies in private repositories need GitHub Pro, Team or Enterprise
 * (README, "GitHub plan"). The prod preview token does not depend on them alone: its OIDC policy
 * also requires the promotion PR's head and base branches (access.ts).
 */
import { PROD_PREVIEW_GITHUB_ENVIRONMENT } from "./access";
import { PlatformDeploymentsConfig } from "./config";

export interface PlainRepositoryEnvironmentArgs {
    repository: string;
    environment: string;
    reviewers: Array<{ teams: number[] }>;
    preventSelfReview: true;
    canAdminsBypass: false;
    /** Absent: any ref may run a job in it (see prod-preview below). */
    deploymentBranchPolicy?: { protectedBranches: boolean; customBranchPolicies: boolean };
}

export interface PlainGithubEnvironment {
    args: PlainRepositoryEnvironmentArgs;
    /** Branch name patterns allowed to deploy (RepositoryEnvironmentDeploymentPolicy), when custom policies are on. */
    branchPatterns: string[];
}

/**
 * `prod-preview`: the promotion PR's prod preview waits here for a maintainer other than the one who
 * triggered it. No deployment-branch policy: a pull_request job runs on `refs/pull/N/merge`, which no
 * branch pattern names; the branches are enforced by the OIDC policy instead (`head_ref`, `base_ref`).
 * `branchPatterns` stays in the shape for an environment that deploys from a branch.
 */
export function buildGithubEnvironments(cfg: PlatformDeploymentsConfig): PlainGithubEnvironment[] {
    const protectedEnvironment = (environment: string): PlainRepositoryEnvironmentArgs => ({
        repository: cfg.github.repo,
        environment,
        reviewers: [{ teams: [cfg.github.maintainersTeamId] }],
        preventSelfReview: true,
        canAdminsBypass: false,
    });
    return [{ args: protectedEnvironment(PROD_PREVIEW_GITHUB_ENVIRONMENT), branchPatterns: [] }];
}
