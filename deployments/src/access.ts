/**
 * Who may do what: the identities of pull-request previews and of deployments, as pure inputs of
 * the Pulumi Cloud resources that enforce them (teams, team permissions, the GitHub OIDC issuer's
 * policies, the read-only preview ESC environments). The threat model in ../README.md explains
 * the design; test/access.test.ts proves the properties that live in code.
 *
 * The rule: anything a pull request can run (its workflow file, its package.json scripts, its
 * program) can read every credential of the job it runs in. So a job started by `pull_request`
 * only ever gets read-only credentials:
 *   - a Pulumi **team** token (never an organization token) whose team has Stack Read on one
 *     stack and `open` on that stack's preview ESC environment only;
 *   - Azure credentials of a read-only Entra app (Reader + Azure Kubernetes Service Cluster User Role + Azure Kubernetes Service RBAC Reader)
 *     from that preview environment.
 * Prod's token additionally needs the GitHub environment `prod-preview` (required reviewers) and
 * a pull request into the prod branch. Writing to a stack is left to Pulumi Deployments, which
 * only runs the code of the stack's branch (push-to-deploy) and never a pull request's.
 */
import type { BuiltInRole } from "./azure-reads";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";
import { EscEnvironmentId, azureOidcLoginValues, escEnvironmentId, escSecretsEnvironmentId } from "./settings";

/** Issuer of GitHub Actions OIDC tokens. */
export const GITHUB_ACTIONS_OIDC_ISSUER = "https://token.actions.githubusercontent.com";

/**
 * Longest life of a Pulumi token exchanged from a GitHub id token (OidcIssuer.maxExpirationSeconds).
 * One hour covers the preview job (timeout 45 minutes) and no more; the workflow asks for the same.
 */
export const OIDC_TOKEN_MAX_SECONDS = 3600;

/** GitHub environment (required reviewers: maintainers) a prod preview job must run in. */
export const PROD_PREVIEW_GITHUB_ENVIRONMENT = "prod-preview";

/**
 * GitHub environment of the weekly AKS versions check (.github/workflows/aks-versions.yml). Its job reads the
 * region's AKS versions with the staging preview identity: the same read-only token a pull request gets.
 */
export const AKS_VERSIONS_GITHUB_ENVIRONMENT = "aks-versions";

/**
 * Azure roles of each Entra app (assigned by hand, see README: they are not resources of this program). Each
 * one is what a read or invoke of the platform program needs (azure-reads.ts maps them; a root test holds the
 * program to it). The preview app's Cluster User Role lets it list the cluster's user kubeconfig (server and
 * CA only, with Entra ID); RBAC Reader lets kubelogin's token read Kubernetes objects, not Secrets.
 */
export const PREVIEW_AZURE_ROLES: readonly BuiltInRole[] = ["Reader", "Azure Kubernetes Service Cluster User Role", "Azure Kubernetes Service RBAC Reader"];
export const DEPLOY_AZURE_ROLES: readonly BuiltInRole[] = ["Contributor", "Role Based Access Control Administrator"];

/** Pulumi Cloud's TeamStackPermissionScope values (@pulumi/pulumiservice 1.3.0 enum). */
export const STACK_PERMISSION = { read: 101, edit: 102, admin: 103 } as const;

export function previewTeamName(cfg: PlatformDeploymentsConfig, stack: DeployedStack): string {
    return `${cfg.platformProject}-preview-${stack}`;
}

/** Read-only ESC environment that previews of `stack` open instead of the stack's own imports. */
export function previewEnvironmentId(cfg: PlatformDeploymentsConfig, stack: DeployedStack): EscEnvironmentId {
    const name = `${stack}-preview`;
    return { project: cfg.escProject, name, ref: `${cfg.escProject}/${name}` };
}

/**
 * Environments only the stack's deployments and maintainers may open: the deploying Azure login
 * and the app secrets (`<escProject>/<stack>-secrets`, imported by the root stack file).
 */
export function deployOnlyEnvironmentRefs(cfg: PlatformDeploymentsConfig, stack: DeployedStack): string[] {
    return [escEnvironmentId(cfg, stack).ref, escSecretsEnvironmentId(cfg, stack).ref];
}

/**
 * Placeholders for the secret config keys the stack requires. A preview may not read the real
 * values (the PR's code could print them), and Pulumi refuses to run without them; a preview
 * therefore shows an update of the values they feed (the Key Vault secret), which the real
 * deployment, reading the real values, does not make.
 */
export const PREVIEW_SECRET_PLACEHOLDERS: Readonly<Record<string, string>> = {
    greeting: "preview placeholder (the real value is only in the deploy environment)",
    alertmanagerWebhookUrl: "https://alertmanager-webhook.preview.invalid/",
    // Distinct per destination: prod refuses pages and tickets that share one.
    alertmanagerPageKey: "preview-placeholder-page-routing-key",
    alertmanagerHeartbeatUrl: "https://alertmanager-heartbeat.preview.invalid/",
    registryPassword: "preview-placeholder",
    gitopsRepoToken: "preview-placeholder",
};

export function buildPreviewEnvironmentDefinition(cfg: PlatformDeploymentsConfig, stack: DeployedStack): Record<string, unknown> {
    const target = cfg.azure.targets[stack];
    const pulumiConfig = Object.fromEntries(Object.entries(PREVIEW_SECRET_PLACEHOLDERS).map(([k, v]) => [k, { "fn::secret": v }]));
    return { values: { ...azureOidcLoginValues(cfg.azure.tenantId, target.subscriptionId, target.previewClientId), pulumiConfig } };
}

/** The two forms GitHub writes a repository into the `sub` claim. */
export type GithubSubjectFormat = "immutable" | "name";
export const GITHUB_SUBJECT_FORMATS: readonly GithubSubjectFormat[] = ["immutable", "name"];

/**
 * Claims that tie a token to this repository in one subject format. GitHub issues immutable
 * subjects (`repo:OWNER@OWNER-ID/REPO@REPO-ID:…`) for repositories created after 2026-07-15 and
 * for those that opted in; older ones keep `repo:OWNER/REPO:…`. The name-based form is only
 * accepted with the numeric `repository_owner_id` and `repository_id` claims as well, so a
 * repository that later takes the same name matches neither policy.
 */
function repositoryClaims(cfg: PlatformDeploymentsConfig, format: GithubSubjectFormat): { subjectPrefix: string; ids: Record<string, string> } {
    const { owner, repo, ownerId, repoId } = cfg.github;
    if (format === "immutable") return { subjectPrefix: `repo:${owner}@${ownerId}/${repo}@${repoId}`, ids: {} };
    return { subjectPrefix: `repo:${owner}/${repo}`, ids: { repository_owner_id: String(ownerId), repository_id: String(repoId) } };
}

/**
 * Claims a GitHub id token must carry to be exchanged for the preview team token of `stack`.
 * - staging: `sub` of a pull_request run without a GitHub environment.
 * - prod: the promotion pull request only, checked by Pulumi Cloud rather than by the pull
 *   request's own workflow: `sub` and `environment` of a job in `prod-preview` (which waits for a
 *   maintainer's approval), `event_name` pull_request, `base_ref` the prod branch and `head_ref`
 *   the staging branch. A PR from any other branch gets no token, whatever its workflow says.
 */
export function previewOidcRules(cfg: PlatformDeploymentsConfig, stack: DeployedStack, format: GithubSubjectFormat = "immutable"): Record<string, string> {
    const { subjectPrefix, ids } = repositoryClaims(cfg, format);
    const aud = `urn:pulumi:org:${cfg.pulumiOrg}`;
    if (stack === "staging") {
        return { aud, sub: `${subjectPrefix}:pull_request`, ...ids };
    }
    return {
        aud,
        sub: `${subjectPrefix}:environment:${PROD_PREVIEW_GITHUB_ENVIRONMENT}`,
        ...ids,
        environment: PROD_PREVIEW_GITHUB_ENVIRONMENT,
        event_name: "pull_request",
        base_ref: cfg.branches.prod,
        head_ref: cfg.branches.staging,
    };
}

/**
 * Claims of the weekly AKS versions job: its environment, and the staging branch's workflow (a reviewed one;
 * a workflow_dispatch from another branch carries another `ref`).
 */
export function aksVersionsOidcRules(cfg: PlatformDeploymentsConfig, format: GithubSubjectFormat = "immutable"): Record<string, string> {
    const { subjectPrefix, ids } = repositoryClaims(cfg, format);
    return { aud: `urn:pulumi:org:${cfg.pulumiOrg}`, sub: `${subjectPrefix}:environment:${AKS_VERSIONS_GITHUB_ENVIRONMENT}`, ...ids, ref: `refs/heads/${cfg.branches.staging}` };
}

export interface PlainOidcIssuerArgs {
    organization: string;
    name: string;
    url: string;
    maxExpirationSeconds: number;
    policies: Array<{ decision: "allow"; tokenType: "team"; teamName: string; rules: Record<string, string> }>;
}

/**
 * Registers GitHub Actions as an OIDC issuer. Only team tokens of the preview teams can be
 * obtained, one policy per stack and subject format; no policy grants an organization (admin) or personal token, and
 * a token matching no policy is refused. Pulumi Cloud offers team tokens through OIDC in the
 * Enterprise and Business Critical editions (README: "Pulumi edition").
 */
export function buildGithubOidcIssuerArgs(cfg: PlatformDeploymentsConfig): PlainOidcIssuerArgs {
    return {
        organization: cfg.pulumiOrg,
        name: "github-actions",
        url: GITHUB_ACTIONS_OIDC_ISSUER,
        maxExpirationSeconds: OIDC_TOKEN_MAX_SECONDS,
        policies: [
            ...DEPLOYED_STACKS.flatMap((stack) =>
                GITHUB_SUBJECT_FORMATS.map((format) => ({
                    decision: "allow" as const,
                    tokenType: "team" as const,
                    teamName: previewTeamName(cfg, stack),
                    rules: previewOidcRules(cfg, stack, format),
                })),
            ),
            // The weekly AKS versions check: the staging preview team (read-only), nothing more.
            ...GITHUB_SUBJECT_FORMATS.map((format) => ({
                decision: "allow" as const,
                tokenType: "team" as const,
                teamName: previewTeamName(cfg, "staging"),
                rules: aksVersionsOidcRules(cfg, format),
            })),
        ],
    };
}

export interface PreviewTeamArgs {
    team: { organizationName: string; teamType: "pulumi"; name: string; displayName: string; description: string };
    stackPermission: { organization: string; project: string; stack: string; team: string; permission: 101 };
    environmentPermission: { organization: string; project: string; environment: string; team: string; permission: "open" };
}

/**
 * The preview team of one stack: no members (only OIDC-issued tokens act as it), Stack Read on
 * its stack (Pulumi's "Stack Read" permission set allows previews and decrypting the stack's
 * secrets, not updates), and `open` on its preview environment only.
 */
export function buildPreviewTeamArgs(cfg: PlatformDeploymentsConfig, stack: DeployedStack): PreviewTeamArgs {
    const team = previewTeamName(cfg, stack);
    const env = previewEnvironmentId(cfg, stack);
    return {
        team: {
            organizationName: cfg.pulumiOrg,
            teamType: "pulumi",
            name: team,
            displayName: `${cfg.platformProject}/${stack} previews`,
            description: `Pull-request previews of ${cfg.platformProject}/${stack} from GitHub Actions (OIDC team tokens only): read the stack, open ${env.ref}.`,
        },
        stackPermission: { organization: cfg.pulumiOrg, project: cfg.platformProject, stack, team, permission: STACK_PERMISSION.read },
        environmentPermission: { organization: cfg.pulumiOrg, project: env.project, environment: env.name, team, permission: "open" },
    };
}

export interface OperationIdentity {
    operation: string;
    stack: DeployedStack;
    /** Where the code runs and what starts it. */
    runsIn: "GitHub Actions" | "Pulumi Deployments";
    trigger: string;
    /** The Pulumi credential of the run. */
    pulumiToken: string;
    stackPermission: keyof typeof STACK_PERMISSION;
    /** ESC environments the run can open. */
    escEnvironments: string[];
    azureClientId: string;
    azureRoles: readonly string[];
    /** Whether the identity can update, refresh or destroy the stack. */
    canChangeStack: boolean;
}

/** Which identity each operation gets. The README's credential table is this list. */
export function operationIdentities(cfg: PlatformDeploymentsConfig): OperationIdentity[] {
    const rows: OperationIdentity[] = [];
    for (const stack of DEPLOYED_STACKS) {
        const target = cfg.azure.targets[stack];
        rows.push({
            operation: `pull-request preview of ${stack}`,
            stack,
            runsIn: "GitHub Actions",
            trigger:
                stack === "prod"
                    ? `pull_request into ${cfg.branches.prod}, job in GitHub environment ${PROD_PREVIEW_GITHUB_ENVIRONMENT} (approved by a maintainer)`
                    : "pull_request from a branch of this repository",
            pulumiToken: `team token team:${previewTeamName(cfg, stack)} (OIDC, ≤ ${OIDC_TOKEN_MAX_SECONDS} s)`,
            stackPermission: "read",
            escEnvironments: [previewEnvironmentId(cfg, stack).ref],
            azureClientId: target.previewClientId,
            azureRoles: PREVIEW_AZURE_ROLES,
            canChangeStack: false,
        });
        rows.push({
            operation: `update, refresh and drift runs of ${stack}`,
            stack,
            runsIn: "Pulumi Deployments",
            trigger: `push to ${cfg.branches[stack]} (push-to-deploy) or the drift schedule; code of that branch only`,
            pulumiToken: `deployment stack token with the Pulumi Cloud role ${deployRoleName(cfg, stack)}`,
            stackPermission: "admin",
            escEnvironments: deployOnlyEnvironmentRefs(cfg, stack),
            azureClientId: target.clientId,
            azureRoles: DEPLOY_AZURE_ROLES,
            canChangeStack: true,
        });
    }
    return rows;
}

/**
 * Pulumi Cloud role an operator assigns to the stack's deployments (stack -> Settings -> Deploy ->
 * Pulumi Cloud role): open on the stack's deploy-only environments. @pulumi/pulumiservice 1.3.0's
 * DeploymentSettings has no role field, so this assignment is a documented manual step.
 */
export function deployRoleName(cfg: PlatformDeploymentsConfig, stack: DeployedStack): string {
    return `${cfg.platformProject}-deploy-${stack}`;
}
