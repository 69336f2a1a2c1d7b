/**
 * This program applies itself: Pulumi Deployments runs `pulumi up` of its own stack (the admin stack that holds
 * this configuration) on every push to the staging branch (main) that changes what it publishes: deployments/,
 * policy/, the rendered deploy/ it bundles into the policy pack, or the root package.json whose @pulumi/pulumi
 * version pins the executor image. So the settings, the executor image and the enforced pack version follow the
 * reviewed code on main instead of a maintainer's laptop, and a pull request never runs it (no PR previews).
 *
 * Its credentials: the stack's deployment token with the Pulumi Cloud role `<platformProject>-governance`
 * (assigned by hand, README step 6: org-level rights on teams, OIDC issuers, environments, policies), and the
 * ESC environment `<escProject>/platform-governance`, which holds the GitHub token for @pulumi/github
 * (GITHUB_TOKEN; set by a maintainer, never in this repository or its state).
 */
import { PlatformDeploymentsConfig } from "./config";
import { EscEnvironmentId, PlainDeploymentSettingsArgs, githubPushTrigger, gitRef } from "./settings";
import { executorImage } from "./versions";

/** Include-only: a push to main deploys this program only when one of these changed. */
export const SELF_PATH_FILTERS: readonly string[] = ["deployments/**", "policy/**", "deploy/**", "package.json"];

export function governanceEnvironmentId(cfg: PlatformDeploymentsConfig): EscEnvironmentId {
    const name = "platform-governance";
    return { project: cfg.escProject, name, ref: `${cfg.escProject}/${name}` };
}

/** Created once (then the maintainers' value rules): the GitHub token the provider reads, empty until set. */
export const GOVERNANCE_ENVIRONMENT_SKELETON = `# ESC environment <escProject>/platform-governance: what the platform-deployments stack's own deployments
# need besides Pulumi Cloud. Created once by the program and never written again, so a maintainer sets:
#   esc env set <escProject>/platform-governance environmentVariables.GITHUB_TOKEN '<token>' --secret
# A fine-grained token for this repository only, with "Administration: read and write" (environments).
values:
  environmentVariables:
    GITHUB_TOKEN:
      fn::secret: ""
`;

export type SelfDeploymentSettingsArgs = Omit<PlainDeploymentSettingsArgs, "sourceContext"> & {
    sourceContext: { git: { branch: string; repoDir: string } };
};

/** `self`: this program's own project and stack (pulumi.getProject(), pulumi.getStack()). */
export function buildSelfDeploymentSettingsArgs(cfg: PlatformDeploymentsConfig, self: { project: string; stack: string }): SelfDeploymentSettingsArgs {
    return {
        organization: cfg.pulumiOrg,
        project: self.project,
        stack: self.stack,
        vcs: githubPushTrigger(cfg, SELF_PATH_FILTERS),
        sourceContext: { git: { branch: gitRef(cfg.branches.staging), repoDir: "deployments" } },
        operationContext: {
            // From deployments/: the program reads ../policy and ../deploy from the same checkout.
            preRunCommands: ["npm ci"],
            environmentVariables: {},
            options: { skipInstallDependencies: true, skipIntermediateDeployments: true },
        },
        executorContext: { executorImage: executorImage() },
        cacheOptions: { enable: true },
    };
}
