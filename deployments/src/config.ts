/**
 * Typed, validated configuration for the platform-deployments program.
 *
 * Every key is declared (type, description, default) in ../Pulumi.yaml. The
 * defaults below must stay identical to the ones declared there; a unit test
 * (test/config.test.ts) reads Pulumi.yaml and fails if they drift apart.
 *
 * None of these values is a secret: OIDC means there is no client secret, no
 * Pulumi token and no cloud key anywhere in this configuration. Tenant,
 * subscription and client ids are identifiers, not credentials.
 */

/** The Pulumi project whose stacks get deployment settings (root Pulumi.yaml `name`). */
export const DEFAULT_PLATFORM_PROJECT = "platform";

/** Stacks that are deployed by Pulumi Deployments. dev runs on kind locally and is not deployed. */
export const DEPLOYED_STACKS = ["staging", "prod"] as const;
export type DeployedStack = (typeof DEPLOYED_STACKS)[number];

export const DEFAULTS = {
    platformProject: DEFAULT_PLATFORM_PROJECT,
    escProject: "platform",
    stagingBranch: "main",
    prodBranch: "release",
    registerGithubOidcIssuer: true,
    manageGithubEnvironments: true,
} as const;

export interface AzureTarget {
    /** Application (client) id of the Entra app registration that ESC logs in as to deploy (write rights). */
    clientId: string;
    /**
     * Application (client) id of the read-only Entra app (Reader + Azure Kubernetes Service Cluster User Role + Azure Kubernetes Service RBAC Reader)
     * that pull-request previews log in as. Never the same app as `clientId`.
     */
    previewClientId: string;
    /** Azure subscription the stack deploys into. */
    subscriptionId: string;
}

export interface PlatformDeploymentsConfig {
    /** Pulumi Cloud organization that owns the platform stacks and the ESC environments. */
    pulumiOrg: string;
    /** Pulumi project whose stacks are configured (root Pulumi.yaml name). */
    platformProject: string;
    /** ESC project that holds the azure-<stack> environments. */
    escProject: string;
    github: {
        owner: string;
        repo: string;
        /**
         * Numeric GitHub ids (required). Every OIDC policy is bound to them: the immutable subject
         * `repo:OWNER@OWNER-ID/REPO@REPO-ID:...` (repositories created after 2026-07-15, or opted in)
         * carries them, and the name-based subject is accepted only together with the
         * `repository_owner_id` and `repository_id` claims, so a renamed or re-created repository
         * with the same name gets nothing.
         */
        ownerId: number;
        repoId: number;
        /** Numeric id of the maintainers team: required reviewers of the protected GitHub environments. */
        maintainersTeamId: number;
    };
    /** Short branch names (no refs/heads/ prefix). */
    branches: Record<DeployedStack, string>;
    azure: {
        tenantId: string;
        targets: Record<DeployedStack, AzureTarget>;
    };
    /** Register https://token.actions.githubusercontent.com as an OIDC issuer in the Pulumi org. */
    registerGithubOidcIssuer: boolean;
    /** Create the protected GitHub environments (reviewers, self-review, branch policy) with @pulumi/github. */
    manageGithubEnvironments: boolean;
}

/** Reads one raw config value (already namespaced by the caller); undefined when unset. */
export type ConfigGetter = (key: string) => string | undefined;

export class ConfigError extends Error {
    constructor(readonly problems: string[]) {
        super(
            `platform-deployments configuration is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n` +
                problems.map((p) => `  - ${p}`).join("\n") +
                "\nSet values with `pulumi config set <key> <value>` in deployments/ (see deployments/README.md).",
        );
        this.name = "ConfigError";
    }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Pulumi organization / project / ESC project names: letters, digits, '-', '_', '.'.
const PULUMI_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;
// GitHub user/org names: alphanumerics and single inner hyphens, at most 39 characters.
const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const GITHUB_REPO = /^[A-Za-z0-9_.-]{1,100}$/;
const POSITIVE_INT = /^[1-9][0-9]{0,15}$/;

/**
 * Subset of git's check-ref-format rules that matters for branch names typed
 * into config: no spaces or special characters, no "..", no leading "-" or "/",
 * no trailing "/", "." or ".lock", and no "refs/" prefix (it is added later).
 */
export function branchProblem(value: string): string | undefined {
    if (!/^[A-Za-z0-9._/-]+$/.test(value)) {
        return "only letters, digits and . _ / - are allowed";
    }
    if (value.startsWith("refs/")) {
        return "give the short branch name without the refs/heads/ prefix";
    }
    if (value.includes("..") || value.includes("//")) {
        return 'must not contain ".." or "//"';
    }
    if (/^[-/.]/.test(value) || /[/.]$/.test(value) || value.endsWith(".lock")) {
        return 'must not start with "-", "/" or "." nor end with "/", "." or ".lock"';
    }
    return undefined;
}

export function parseConfig(get: ConfigGetter, namespace = "platform-deployments"): PlatformDeploymentsConfig {
    const problems: string[] = [];
    const key = (k: string) => `${namespace}:${k}`;

    const describe = (k: string, value: string, allowed: string) =>
        `${key(k)} = ${JSON.stringify(value)} is invalid: ${allowed}`;

    const required = (k: string, pattern: RegExp, allowed: string): string => {
        const raw = get(k);
        if (raw === undefined || raw.trim() === "") {
            problems.push(`${key(k)} is required but not set: expected ${allowed}`);
            return "";
        }
        const value = raw.trim();
        if (!pattern.test(value)) {
            problems.push(describe(k, value, `expected ${allowed}`));
        }
        return value;
    };

    const optional = (k: string, fallback: string, pattern: RegExp, allowed: string): string => {
        const raw = get(k);
        if (raw === undefined || raw.trim() === "") {
            return fallback;
        }
        const value = raw.trim();
        if (!pattern.test(value)) {
            problems.push(describe(k, value, `expected ${allowed}`));
        }
        return value;
    };

    const branch = (k: string, fallback: string): string => {
        const raw = get(k);
        const value = raw === undefined || raw.trim() === "" ? fallback : raw.trim();
        const problem = branchProblem(value);
        if (problem) {
            problems.push(describe(k, value, `expected a git branch name such as "main" (${problem})`));
        }
        return value;
    };

    const bool = (k: string, fallback: boolean): boolean => {
        const raw = get(k);
        if (raw === undefined || raw.trim() === "") {
            return fallback;
        }
        const value = raw.trim();
        if (value === "true") return true;
        if (value === "false") return false;
        problems.push(describe(k, value, 'expected "true" or "false"'));
        return fallback;
    };

    // GitHub ids are declared as integers without a default: name-based OIDC rules alone would
    // never match a repository with immutable subjects, and would match a re-created namesake.
    const requiredId = (k: string, what: string): number => {
        const value = required(k, POSITIVE_INT, `a positive integer: ${what}`);
        return POSITIVE_INT.test(value) ? Number(value) : 0;
    };

    const guidAllowed = (what: string) => `a GUID like 00000000-0000-0000-0000-000000000000 (${what})`;

    const pulumiOrg = required("pulumiOrg", PULUMI_NAME, "a Pulumi Cloud organization name (letters, digits, - _ .)");
    const platformProject = optional(
        "platformProject",
        DEFAULTS.platformProject,
        PULUMI_NAME,
        "a Pulumi project name (letters, digits, - _ .)",
    );
    const escProject = optional("escProject", DEFAULTS.escProject, PULUMI_NAME, "an ESC project name (letters, digits, - _ .)");
    if (escProject === "default") {
        problems.push(
            describe(
                "escProject",
                escProject,
                'the legacy "default" ESC project changes the OIDC audience and subject format; use a named project such as "platform"',
            ),
        );
    }
    const owner = required(
        "githubOwner",
        GITHUB_OWNER,
        "a GitHub user or organization name (letters, digits and single inner hyphens, at most 39 characters)",
    );
    const repo = required("githubRepo", GITHUB_REPO, "a GitHub repository name (letters, digits, - _ ., at most 100 characters)");
    if (repo === "." || repo === "..") {
        problems.push(describe("githubRepo", repo, 'expected a repository name, not "." or ".."'));
    }
    const ownerId = requiredId("githubOwnerId", "the numeric id of the GitHub owner (gh api repos/OWNER/REPO --jq .owner.id)");
    const repoId = requiredId("githubRepoId", "the numeric id of the GitHub repository (gh api repos/OWNER/REPO --jq .id)");
    const maintainersTeamId = requiredId(
        "githubMaintainersTeamId",
        "the numeric id of the maintainers team that reviews protected environments (gh api orgs/OWNER/teams/SLUG --jq .id)",
    );

    const stagingBranch = branch("stagingBranch", DEFAULTS.stagingBranch);
    const prodBranch = branch("prodBranch", DEFAULTS.prodBranch);
    if (stagingBranch === prodBranch) {
        problems.push(
            `${key("prodBranch")} = ${JSON.stringify(prodBranch)} is invalid: it must differ from ${key("stagingBranch")} so a merge to staging's branch never deploys prod`,
        );
    }

    const tenantId = required("azureTenantId", GUID, guidAllowed("Directory (tenant) id of the Entra tenant"));
    const stagingSubscriptionId = required(
        "stagingAzureSubscriptionId",
        GUID,
        guidAllowed("Azure subscription id for the staging stack"),
    );
    const stagingClientId = required(
        "stagingAzureClientId",
        GUID,
        guidAllowed("Application (client) id of the Entra app used for staging"),
    );
    const prodSubscriptionId = required("prodAzureSubscriptionId", GUID, guidAllowed("Azure subscription id for the prod stack"));
    const prodClientId = required("prodAzureClientId", GUID, guidAllowed("Application (client) id of the Entra app used for prod"));
    const stagingPreviewClientId = required(
        "stagingAzurePreviewClientId",
        GUID,
        guidAllowed("Application (client) id of the read-only Entra app used by staging previews"),
    );
    const prodPreviewClientId = required(
        "prodAzurePreviewClientId",
        GUID,
        guidAllowed("Application (client) id of the read-only Entra app used by prod previews"),
    );
    for (const [stack, deployId, previewId] of [
        ["staging", stagingClientId, stagingPreviewClientId],
        ["prod", prodClientId, prodPreviewClientId],
    ] as const) {
        if (deployId !== "" && deployId.toLowerCase() === previewId.toLowerCase()) {
            problems.push(
                describe(
                    `${stack}AzurePreviewClientId`,
                    previewId,
                    `it must differ from ${key(`${stack}AzureClientId`)}: previews run pull-request code and get a read-only app (Reader + Azure Kubernetes Service Cluster User Role + Azure Kubernetes Service RBAC Reader), never the deploying one`,
                ),
            );
        }
    }

    const registerGithubOidcIssuer = bool("registerGithubOidcIssuer", DEFAULTS.registerGithubOidcIssuer);
    const manageGithubEnvironments = bool("manageGithubEnvironments", DEFAULTS.manageGithubEnvironments);

    if (problems.length > 0) {
        throw new ConfigError(problems);
    }

    return {
        pulumiOrg,
        platformProject,
        escProject,
        github: { owner, repo, ownerId, repoId, maintainersTeamId },
        branches: { staging: stagingBranch, prod: prodBranch },
        azure: {
            tenantId: tenantId.toLowerCase(),
            targets: {
                staging: {
                    clientId: stagingClientId.toLowerCase(),
                    previewClientId: stagingPreviewClientId.toLowerCase(),
                    subscriptionId: stagingSubscriptionId.toLowerCase(),
                },
                prod: {
                    clientId: prodClientId.toLowerCase(),
                    previewClientId: prodPreviewClientId.toLowerCase(),
                    subscriptionId: prodSubscriptionId.toLowerCase(),
                },
            },
        },
        registerGithubOidcIssuer,
        manageGithubEnvironments,
    };
}
