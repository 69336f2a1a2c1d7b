/**
 * Pure functions that turn the typed configuration into the exact inputs of the
 * Pulumi Cloud resources. Nothing here talks to Pulumi Cloud or creates a
 * resource, so it is unit-tested directly (test/settings.test.ts); the program
 * (src/program.ts) only feeds these values into @pulumi/pulumiservice.
 */
import * as YAML from "yaml";
import { DeployedStack, PlatformDeploymentsConfig } from "./config";
import { executorImage } from "./versions";

/** Issuer of the OIDC tokens minted by Pulumi ESC's azure-login provider. */
export const PULUMI_OIDC_ISSUER = "https://api.pulumi.com/oidc";

/**
 * Environment of every Pulumi Deployments run: nothing. The AKS provider's stored kubeconfig runs kubelogin
 * instead of carrying an expiring token, so refresh and destroy work from state without running the program
 * (no PULUMI_RUN_PROGRAM); the credentials come from the stack's ESC environment.
 */
export const DEPLOYMENT_ENVIRONMENT: Readonly<Record<string, string>> = {};

/**
 * Where the pre-run puts kubelogin: on the executor's PATH, where the Kubernetes provider's exec kubeconfig
 * finds it (the executor image runs its steps as root; components/cluster/kubeconfig.ts).
 */
export const KUBELOGIN_INSTALL_DIR = "/usr/local/bin";

/**
 * Steps Pulumi Deployments runs before every operation: the lockfile-exact dependency install, then kubelogin
 * at the version and sha256 pinned in versions/kubelogin.json (the installer refuses any other bytes).
 */
export const PRE_RUN_COMMANDS: readonly string[] = ["npm ci", `node scripts/install-kubelogin.cjs ${KUBELOGIN_INSTALL_DIR}`];

/** The login kubelogin uses where no person is: the ESC OIDC token as a workload identity assertion. */
export const KUBELOGIN_LOGIN_METHOD = "workloadidentity";

/**
 * Push-to-deploy path filters (Pulumi Deployments "paths").
 * Exclude-only: every changed file triggers a deployment unless it matches one
 * of these. Exclusions are parts of the repository that the root `platform`
 * program never reads:
 *   - app/          : the HTTP service; shipped as an image by .github/workflows/app-image.yml
 *   - deploy/       : rendered gitops manifests; Argo CD syncs them, not `pulumi up`
 *   - deployments/  : this program (its own stack deploys it: self-deployment.ts)
 *   - .github/      : CI workflows
 *   - Markdown docs : no effect on resources
 * Exclude-only filters keep new program folders (components/, stacks/, ...) deploying
 * without having to remember to list them here.
 */
export const PATH_FILTERS: readonly string[] = ["!app/**", "!deploy/**", "!deployments/**", "!.github/**", "!*.md", "!**/*.md"];

/**
 * Deployments run on pushes to the stack's branch that touch `paths`, and never on a pull request: a Deployments
 * PR preview would run the PR's code with the stack's deployment token.
 */
export function githubPushTrigger(cfg: PlatformDeploymentsConfig, paths: readonly string[]): PlainDeploymentSettingsArgs["vcs"] {
    return {
        provider: "github",
        repository: `${cfg.github.owner}/${cfg.github.repo}`,
        deployCommits: true,
        previewPullRequests: false,
        pullRequestTemplate: false,
        paths: [...paths],
    };
}

export function gitRef(branch: string): string {
    return `refs/heads/${branch}`;
}

/** Plain (non-Output) shape of the DeploymentSettings inputs this program sets. Assignable to DeploymentSettingsArgs. */
export interface PlainDeploymentSettingsArgs {
    organization: string;
    project: string;
    stack: string;
    vcs: {
        provider: "github";
        repository: string;
        deployCommits: boolean;
        previewPullRequests: boolean;
        pullRequestTemplate: boolean;
        paths: string[];
    };
    sourceContext: {
        git: {
            branch: string;
            // repoDir deliberately unset: the platform Pulumi.yaml is at the repository root.
        };
    };
    operationContext: {
        preRunCommands: string[];
        environmentVariables: Record<string, string>;
        options: {
            skipInstallDependencies: boolean;
            skipIntermediateDeployments: boolean;
        };
    };
    executorContext: { executorImage: string };
    cacheOptions: { enable: boolean };
}

/**
 * Deployment settings for one platform stack.
 *
 * - staging deploys every push to `branches.staging` (main); prod deploys every push to
 *   `branches.prod` (release), which only a reviewed pull request from main can change (see README).
 *   @pulumi/pulumiservice 1.3.0 has no tag trigger, so prod is released by merging into `release`.
 * - previewPullRequests is OFF: a Deployments PR preview runs the pull request's code (its
 *   package.json scripts, its program) with the stack's deployment token, which opens the
 *   deploying ESC environment. Previews run in GitHub Actions with read-only identities instead
 *   (access.ts). pullRequestTemplate (review stacks) is off for the same reason.
 * - Dependencies are installed by the pre-run `npm ci` (lockfile-exact), so the built-in install
 *   step is skipped to avoid a second, non-lockfile install; the pre-run also installs the pinned,
 *   checksum-verified kubelogin the AKS kubeconfig runs.
 * - executorContext pins the executor image to Node 22 and the Pulumi CLI of the SDK in the root
 *   package.json (pulumi/pulumi-nodejs-22:<version>); cacheOptions turns on the dependency cache.
 * - Azure credentials are not configured here: the stack imports the
 *   `<escProject>/azure-<stack>` ESC environment (see buildEscEnvironmentDefinition).
 */
export function buildDeploymentSettingsArgs(cfg: PlatformDeploymentsConfig, stack: DeployedStack): PlainDeploymentSettingsArgs {
    return {
        organization: cfg.pulumiOrg,
        project: cfg.platformProject,
        stack,
        vcs: githubPushTrigger(cfg, PATH_FILTERS),
        sourceContext: {
            git: {
                branch: gitRef(cfg.branches[stack]),
            },
        },
        operationContext: {
            preRunCommands: [...PRE_RUN_COMMANDS],
            // No PULUMI_RUN_PROGRAM: see DEPLOYMENT_ENVIRONMENT and docs/decisions/cluster-credentials.md.
            environmentVariables: { ...DEPLOYMENT_ENVIRONMENT },
            options: {
                skipInstallDependencies: true,
                skipIntermediateDeployments: true,
            },
        },
        executorContext: { executorImage: executorImage() },
        cacheOptions: { enable: true },
    };
}

export interface EscEnvironmentId {
    project: string;
    name: string;
    /** `<project>/<name>`: what a stack's `environment:` list refers to. */
    ref: string;
}

export function escEnvironmentId(cfg: PlatformDeploymentsConfig, stack: DeployedStack): EscEnvironmentId {
    const name = `azure-${stack}`;
    return { project: cfg.escProject, name, ref: `${cfg.escProject}/${name}` };
}

/**
 * The stack's secret config (`pulumiConfig` greeting, alertmanagerWebhookUrl, ...): created once from
 * esc/stack-secrets.yaml, then owned by the maintainers who set its values with `esc env set`.
 */
export function escSecretsEnvironmentId(cfg: PlatformDeploymentsConfig, stack: DeployedStack): EscEnvironmentId {
    const name = `${stack}-secrets`;
    return { project: cfg.escProject, name, ref: `${cfg.escProject}/${name}` };
}

/**
 * ESC environment that logs in to Azure with OIDC and projects the ARM_* variables
 * the azure-native provider reads.
 *
 * subjectAttributes [currentEnvironment.name] makes the token subject
 * `pulumi:environments:pulumi.organization.login:<org>:currentEnvironment.name:<project>/azure-<stack>`
 * regardless of which stack imports the environment. Without it, an environment
 * opened through a stack's config gets the subject `...:env:<yaml>` (pulumi/pulumi#14509),
 * which cannot tell staging from prod.
 */
export function buildEscEnvironmentDefinition(cfg: PlatformDeploymentsConfig, stack: DeployedStack): Record<string, unknown> {
    const target = cfg.azure.targets[stack];
    return { values: azureOidcLoginValues(cfg.azure.tenantId, target.subscriptionId, target.clientId) };
}

/**
 * `values` that log in to Azure as one Entra app with OIDC and project the ARM_* variables the
 * azure-native provider reads; shared by the deploying and the read-only preview environments.
 */
export function azureOidcLoginValues(tenantId: string, subscriptionId: string, clientId: string): Record<string, unknown> {
    return {
        azure: {
            login: {
                "fn::open::azure-login": {
                    clientId,
                    tenantId,
                    subscriptionId,
                    oidc: true,
                    subjectAttributes: ["currentEnvironment.name"],
                },
            },
        },
        environmentVariables: {
            ARM_USE_OIDC: "true",
            ARM_CLIENT_ID: "${azure.login.clientId}",
            ARM_TENANT_ID: "${azure.login.tenantId}",
            ARM_SUBSCRIPTION_ID: "${azure.login.subscriptionId}",
            ARM_OIDC_TOKEN: "${azure.login.oidc.token}",
            // kubelogin (the AKS exec kubeconfig) logs in as the same app with the same OIDC token, read from the
            // file ESC writes for AZURE_FEDERATED_TOKEN_FILE; nothing of it is a Pulumi input or in state.
            AAD_LOGIN_METHOD: KUBELOGIN_LOGIN_METHOD,
            AZURE_CLIENT_ID: "${azure.login.clientId}",
            AZURE_TENANT_ID: "${azure.login.tenantId}",
            AZURE_AUTHORITY_HOST: "https://login.microsoftonline.com/",
        },
        files: {
            AZURE_FEDERATED_TOKEN_FILE: "${azure.login.oidc.token}",
        },
    };
}

export function renderEscEnvironmentYaml(cfg: PlatformDeploymentsConfig, stack: DeployedStack): string {
    const header =
        `# Managed by the platform-deployments Pulumi program (deployments/ in ${cfg.github.owner}/${cfg.github.repo}).\n` +
        `# Changes made in the Pulumi Cloud console are overwritten by the next \`pulumi up\` there.\n` +
        `# Imported by the ${cfg.platformProject}/${stack} stack: Pulumi.${stack}.yaml -> environment: [${escEnvironmentId(cfg, stack).ref}]\n`;
    return header + YAML.stringify(buildEscEnvironmentDefinition(cfg, stack), { lineWidth: 0 });
}

/** The `environment:` block the platform stack's Pulumi.<stack>.yaml must contain. */
export function stackConfigImport(cfg: PlatformDeploymentsConfig, stack: DeployedStack): string {
    return `environment:\n  - ${escEnvironmentId(cfg, stack).ref}\n  - ${escSecretsEnvironmentId(cfg, stack).ref}\n`;
}

export interface FederatedCredentialSpec {
    /** Suggested credential name in the Entra app registration. */
    name: string;
    issuer: string;
    subject: string;
    /**
     * Audience of the token Pulumi presents. Entra's federated credential
     * "Audience" field must be set to this value (ESC uses `azure:<org>` for
     * environments outside the legacy `default` project).
     */
    audience: string;
}

/** Federated identity credential an Entra app needs to trust the ESC environment `env`. */
export function azureFederatedCredential(cfg: PlatformDeploymentsConfig, env: EscEnvironmentId): FederatedCredentialSpec {
    return {
        name: `pulumi-esc-${env.project}-${env.name}`,
        issuer: PULUMI_OIDC_ISSUER,
        subject: `pulumi:environments:pulumi.organization.login:${cfg.pulumiOrg}:currentEnvironment.name:${env.ref}`,
        audience: `azure:${cfg.pulumiOrg}`,
    };
}
