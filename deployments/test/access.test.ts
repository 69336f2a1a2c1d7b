/**
 * The credential design (src/access.ts) as the Pulumi Cloud resources will enforce it: who can
 * obtain which token, what that token may do, and which Azure app each operation runs as.
 */
import * as assert from "node:assert/strict";
import * as YAML from "yaml";
import {
    DEPLOY_AZURE_ROLES,
    OIDC_TOKEN_MAX_SECONDS,
    PREVIEW_AZURE_ROLES,
    PREVIEW_SECRET_PLACEHOLDERS,
    STACK_PERMISSION,
    buildGithubOidcIssuerArgs,
    buildPreviewEnvironmentDefinition,
    buildPreviewTeamArgs,
    deployOnlyEnvironmentRefs,
    operationIdentities,
    previewEnvironmentId,
    previewOidcRules,
} from "../src/access";
import { DEPLOYED_STACKS, parseConfig } from "../src/config";
import { renderPreviewEnvironmentYaml } from "../src/create-access";
import { buildEscEnvironmentDefinition } from "../src/settings";
import { PROD_CLIENT, PROD_PREVIEW_CLIENT, PROD_SUB, STAGING_CLIENT, STAGING_PREVIEW_CLIENT, TENANT, getter, validRaw } from "./fixtures";

const cfg = parseConfig(getter(validRaw()));

/** Pulumi Cloud's matching of an OIDC policy: every rule claim must equal the token's claim. */
function matches(rules: Record<string, string>, claims: Record<string, string>): boolean {
    return Object.entries(rules).every(([claim, value]) => claims[claim] === value);
}

interface JobClaims {
    environment?: string;
    baseRef?: string;
    headRef?: string;
    ref?: string;
    /** Which subject GitHub writes for the repository (immutable for repositories created after 2026-07-15). */
    subject?: "immutable" | "name";
    ownerId?: string;
    repoId?: string;
}

/**
 * GitHub id-token claims of a job, written from GitHub's OIDC reference: the subject context
 * (`environment:NAME`, `pull_request` or `ref:REF`), `repository_owner_id` and `repository_id`
 * as strings, `head_ref`/`base_ref` on pull_request events, `environment` when the job names one.
 */
function githubClaims(event: string, opts: JobClaims = {}): Record<string, string> {
    const context = opts.environment ? `environment:${opts.environment}` : event === "pull_request" ? "pull_request" : `ref:${opts.ref ?? "refs/heads/main"}`;
    const ownerId = opts.ownerId ?? "1234";
    const repoId = opts.repoId ?? "5678";
    const repository = opts.subject === "name" ? "acme-corp/k8s-platform" : `acme-corp@${ownerId}/k8s-platform@${repoId}`;
    return {
        aud: "urn:pulumi:org:acme",
        sub: `repo:${repository}:${context}`,
        repository_owner_id: ownerId,
        repository_id: repoId,
        event_name: event,
        base_ref: event === "pull_request" ? (opts.baseRef ?? "main") : "",
        head_ref: event === "pull_request" ? (opts.headRef ?? "feature/x") : "",
        ref: opts.ref ?? "refs/heads/main",
        ...(opts.environment ? { environment: opts.environment } : {}),
    };
}

/** The team token (if any) the issuer hands to a job with these claims. */
function tokenFor(claims: Record<string, string>): string[] {
    return [
        ...new Set(
            buildGithubOidcIssuerArgs(cfg)
                .policies.filter((p) => p.decision === "allow" && matches(p.rules, claims))
                .map((p) => `${p.tokenType}:${p.teamName}`),
        ),
    ];
}

const PROMOTION = { environment: "prod-preview", baseRef: "release", headRef: "main" } as const;

describe("GitHub OIDC issuer: which job gets which Pulumi token", () => {
    const issuer = buildGithubOidcIssuerArgs(cfg);

    it("only hands out the two preview team tokens, never an organization or personal token", () => {
        assert.deepEqual(
            [...new Set(issuer.policies.map((p) => [p.decision, p.tokenType, p.teamName].join(" ")))],
            ["allow team platform-preview-staging", "allow team platform-preview-prod"],
        );
        assert.doesNotMatch(JSON.stringify(issuer.policies), /"organization"|admin|personal|runner|authorizedPermissions/);
    });

    it("caps every exchanged token at one hour (maxExpirationSeconds)", () => {
        assert.equal(issuer.maxExpirationSeconds, 3600);
        assert.equal(OIDC_TOKEN_MAX_SECONDS, 3600);
    });

    it("every policy is bound to this organization's audience and this repository's numeric ids", () => {
        for (const p of issuer.policies) {
            assert.equal(p.rules["aud"], "urn:pulumi:org:acme");
            const immutable = p.rules["sub"].startsWith("repo:acme-corp@1234/k8s-platform@5678:");
            const byName = p.rules["sub"].startsWith("repo:acme-corp/k8s-platform:") && p.rules["repository_owner_id"] === "1234" && p.rules["repository_id"] === "5678";
            assert.ok(immutable || byName, `policy not bound to the repository ids: ${JSON.stringify(p.rules)}`);
        }
    });

    for (const subject of ["immutable", "name"] as const) {
        describe(`${subject === "immutable" ? "repository with immutable subjects (repo:OWNER@ID/REPO@ID)" : "repository with name-based subjects (repo:OWNER/REPO)"}`, () => {
            it("a pull_request job gets the staging preview token only", () => {
                assert.deepEqual(tokenFor(githubClaims("pull_request", { subject, baseRef: "main" })), ["team:platform-preview-staging"]);
                assert.deepEqual(tokenFor(githubClaims("pull_request", { subject, baseRef: "release" })), ["team:platform-preview-staging"]);
            });

            it("the prod preview token needs the prod-preview environment, a PR into release AND its head being main", () => {
                assert.deepEqual(tokenFor(githubClaims("pull_request", { subject, ...PROMOTION })), ["team:platform-preview-prod"]);
                assert.deepEqual(tokenFor(githubClaims("pull_request", { subject, ...PROMOTION, baseRef: "main" })), []);
                assert.deepEqual(tokenFor(githubClaims("pull_request", { subject, ...PROMOTION, headRef: "feature/x" })), [], "a PR from another branch into release");
                assert.deepEqual(tokenFor(githubClaims("push", { subject, environment: "prod-preview" })), [], "a push workflow naming the environment gets nothing");
                assert.deepEqual(tokenFor(githubClaims("workflow_dispatch", { subject, environment: "prod-preview" })), []);
            });

            it("the weekly AKS versions job gets the staging preview token, from main's workflow in its environment only", () => {
                assert.deepEqual(tokenFor(githubClaims("schedule", { subject, environment: "aks-versions", ref: "refs/heads/main" })), ["team:platform-preview-staging"]);
                assert.deepEqual(tokenFor(githubClaims("workflow_dispatch", { subject, environment: "aks-versions", ref: "refs/heads/main" })), ["team:platform-preview-staging"]);
                assert.deepEqual(tokenFor(githubClaims("workflow_dispatch", { subject, environment: "aks-versions", ref: "refs/heads/feature" })), [], "another branch's workflow gets nothing");
            });

            it("pushes, schedules, other environments and other repositories get nothing", () => {
                assert.deepEqual(tokenFor(githubClaims("push", { subject, ref: "refs/heads/release" })), []);
                assert.deepEqual(tokenFor(githubClaims("schedule", { subject })), []);
                assert.deepEqual(tokenFor(githubClaims("pull_request", { subject, ...PROMOTION, environment: "production" })), []);
                assert.deepEqual(tokenFor({ ...githubClaims("pull_request", { subject }), aud: "urn:pulumi:org:other" }), []);
            });

            it("a repository re-created under the same name (new ids) gets nothing", () => {
                assert.deepEqual(tokenFor(githubClaims("pull_request", { subject, repoId: "9999" })), []);
                assert.deepEqual(tokenFor(githubClaims("pull_request", { subject, ...PROMOTION, ownerId: "777" })), []);
            });
        });
    }

    it("the prod rules carry head_ref, base_ref, environment and event_name in both subject forms", () => {
        for (const format of ["immutable", "name"] as const) {
            const rules = previewOidcRules(cfg, "prod", format);
            assert.equal(rules["head_ref"], "main");
            assert.equal(rules["base_ref"], "release");
            assert.equal(rules["environment"], "prod-preview");
            assert.equal(rules["event_name"], "pull_request");
        }
        assert.equal(previewOidcRules(cfg, "staging")["sub"], "repo:acme-corp@1234/k8s-platform@5678:pull_request");
        assert.equal(previewOidcRules(cfg, "prod")["sub"], "repo:acme-corp@1234/k8s-platform@5678:environment:prod-preview");
        const renamed = parseConfig(getter({ ...validRaw(), prodBranch: "production", stagingBranch: "trunk" }));
        assert.equal(previewOidcRules(renamed, "prod")["base_ref"], "production");
        assert.equal(previewOidcRules(renamed, "prod")["head_ref"], "trunk");
    });
});

describe("preview teams: what a preview token may do", () => {
    for (const stack of DEPLOYED_STACKS) {
        it(`${stack}: Stack Read on ${stack} only, open on ${stack}-preview only`, () => {
            const args = buildPreviewTeamArgs(cfg, stack);
            assert.deepEqual(args.team, {
                organizationName: "acme",
                teamType: "pulumi",
                name: `platform-preview-${stack}`,
                displayName: `platform/${stack} previews`,
                description: `Pull-request previews of platform/${stack} from GitHub Actions (OIDC team tokens only): read the stack, open platform/${stack}-preview.`,
            });
            assert.ok(!("members" in args.team), "no person is a member: only OIDC tokens act as the team");
            assert.deepEqual(args.stackPermission, {
                organization: "acme",
                project: "platform",
                stack,
                team: `platform-preview-${stack}`,
                permission: STACK_PERMISSION.read,
            });
            assert.equal(args.stackPermission.permission, 101, "TeamStackPermissionScope.Read (Edit is 102, Admin 103)");
            assert.deepEqual(args.environmentPermission, {
                organization: "acme",
                project: "platform",
                environment: `${stack}-preview`,
                team: `platform-preview-${stack}`,
                permission: "open",
            });
            const opened = `${args.environmentPermission.project}/${args.environmentPermission.environment}`;
            for (const denied of deployOnlyEnvironmentRefs(cfg, stack)) {
                assert.notEqual(opened, denied);
            }
        });
    }

    it("the deploy-only environments are the Azure deploy login and the app secrets", () => {
        assert.deepEqual(deployOnlyEnvironmentRefs(cfg, "prod"), ["platform/azure-prod", "platform/prod-secrets"]);
    });
});

describe("preview ESC environments", () => {
    for (const [stack, previewClient, deployClient] of [
        ["staging", STAGING_PREVIEW_CLIENT, STAGING_CLIENT],
        ["prod", PROD_PREVIEW_CLIENT, PROD_CLIENT],
    ] as const) {
        it(`${stack}: logs in as the read-only app and carries placeholders for the secret config`, () => {
            const doc = YAML.parse(renderPreviewEnvironmentYaml(cfg, stack)) as { values: Record<string, unknown> };
            assert.deepEqual(doc, buildPreviewEnvironmentDefinition(cfg, stack));
            const login = (doc.values["azure"] as { login: Record<string, Record<string, unknown>> }).login["fn::open::azure-login"];
            assert.equal(login["clientId"], previewClient);
            assert.equal(login["tenantId"], TENANT);
            assert.deepEqual(login["subjectAttributes"], ["currentEnvironment.name"]);
            assert.doesNotMatch(JSON.stringify(doc), new RegExp(deployClient), "the deploying app never appears in a preview environment");
            assert.deepEqual(doc.values["pulumiConfig"], {
                greeting: { "fn::secret": PREVIEW_SECRET_PLACEHOLDERS["greeting"] },
                alertmanagerWebhookUrl: { "fn::secret": "https://alertmanager-webhook.preview.invalid/" },
                alertmanagerPageKey: { "fn::secret": "preview-placeholder-page-routing-key" },
                alertmanagerHeartbeatUrl: { "fn::secret": "https://alertmanager-heartbeat.preview.invalid/" },
                registryPassword: { "fn::secret": "preview-placeholder" },
                gitopsRepoToken: { "fn::secret": "preview-placeholder" },
            });
            // The same ARM_* projection as the deploy environment, only the app differs.
            const deploy = buildEscEnvironmentDefinition(cfg, stack) as { values: Record<string, unknown> };
            assert.deepEqual(doc.values["environmentVariables"], deploy.values["environmentVariables"]);
        });
    }

    it("is named <escProject>/<stack>-preview", () => {
        assert.equal(previewEnvironmentId(cfg, "prod").ref, "platform/prod-preview");
        assert.equal(previewEnvironmentId(parseConfig(getter({ ...validRaw(), escProject: "esc" })), "staging").ref, "esc/staging-preview");
    });

    it("prod's preview environment never points at another subscription or app than prod's read-only one", () => {
        const text = renderPreviewEnvironmentYaml(cfg, "prod");
        assert.match(text, new RegExp(PROD_SUB));
        assert.doesNotMatch(text, new RegExp(`${STAGING_CLIENT}|${STAGING_PREVIEW_CLIENT}|${PROD_CLIENT}`));
    });
});

describe("which identity each operation gets", () => {
    const rows = operationIdentities(cfg);

    it("lists a preview and a deploy identity per stack", () => {
        assert.deepEqual(
            rows.map((r) => [r.stack, r.runsIn, r.canChangeStack]),
            [
                ["staging", "GitHub Actions", false],
                ["staging", "Pulumi Deployments", true],
                ["prod", "GitHub Actions", false],
                ["prod", "Pulumi Deployments", true],
            ],
        );
    });

    it("no pull_request-triggered identity can change a stack, open a deploy environment or write to Azure", () => {
        for (const row of rows.filter((r) => r.trigger.includes("pull_request"))) {
            assert.equal(row.runsIn, "GitHub Actions");
            assert.equal(row.canChangeStack, false, row.operation);
            assert.equal(row.stackPermission, "read", row.operation);
            assert.deepEqual(row.azureRoles, PREVIEW_AZURE_ROLES);
            assert.notEqual(row.azureClientId, cfg.azure.targets[row.stack].clientId);
            for (const env of deployOnlyEnvironmentRefs(cfg, row.stack)) {
                assert.ok(!row.escEnvironments.includes(env), `${row.operation} must not open ${env}`);
            }
            // The table says what the resources grant.
            const team = buildPreviewTeamArgs(cfg, row.stack);
            assert.equal(team.stackPermission.permission, STACK_PERMISSION[row.stackPermission]);
            assert.deepEqual(row.escEnvironments, [`${team.environmentPermission.project}/${team.environmentPermission.environment}`]);
            assert.match(row.pulumiToken, new RegExp(`team:${team.team.name}\\b`));
        }
    });

    it("the prod deploy path is the only one with write rights on prod: Pulumi Deployments from release", () => {
        const writers = rows.filter((r) => r.stack === "prod" && r.canChangeStack);
        assert.equal(writers.length, 1);
        assert.equal(writers[0].runsIn, "Pulumi Deployments");
        assert.match(writers[0].trigger, /^push to release /);
        assert.equal(writers[0].azureClientId, PROD_CLIENT);
        assert.deepEqual(writers[0].azureRoles, DEPLOY_AZURE_ROLES);
        assert.deepEqual(writers[0].escEnvironments, ["platform/azure-prod", "platform/prod-secrets"]);
    });
});
