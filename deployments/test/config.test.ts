import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { ConfigError, DEFAULTS, branchProblem, parseConfig } from "../src/config";
import { PROD_CLIENT, PROD_PREVIEW_CLIENT, STAGING_PREVIEW_CLIENT, STAGING_SUB, TENANT, getter, validRaw } from "./fixtures";

function problemsOf(raw: Record<string, string>): string[] {
    try {
        parseConfig(getter(raw));
    } catch (err) {
        assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
        return err.problems;
    }
    assert.fail("expected the configuration to be rejected");
}

describe("parseConfig", () => {
    it("accepts the required keys and applies the defaults", () => {
        const cfg = parseConfig(getter(validRaw()));
        assert.deepEqual(cfg, {
            pulumiOrg: "acme",
            platformProject: "platform",
            escProject: "platform",
            github: { owner: "acme-corp", repo: "k8s-platform", ownerId: 1234, repoId: 5678, maintainersTeamId: 4242 },
            branches: { staging: "main", prod: "release" },
            azure: {
                tenantId: TENANT,
                targets: {
                    staging: { clientId: "bbbbbbbb-0000-0000-0000-000000000001", previewClientId: STAGING_PREVIEW_CLIENT, subscriptionId: STAGING_SUB },
                    prod: { clientId: PROD_CLIENT, previewClientId: PROD_PREVIEW_CLIENT, subscriptionId: "aaaaaaaa-0000-0000-0000-000000000002" },
                },
            },
            registerGithubOidcIssuer: true,
            manageGithubEnvironments: true,
        });
    });

    it("takes overrides, trims whitespace and normalizes GUIDs to lower case", () => {
        const cfg = parseConfig(
            getter({
                ...validRaw(),
                azureTenantId: ` ${TENANT.toUpperCase()} `,
                stagingBranch: "develop",
                prodBranch: "release/v1",
                escProject: "platform-esc",
                githubOwnerId: "123456",
                githubRepoId: "987654321",
                registerGithubOidcIssuer: "false",
            }),
        );
        assert.equal(cfg.azure.tenantId, TENANT);
        assert.deepEqual(cfg.branches, { staging: "develop", prod: "release/v1" });
        assert.equal(cfg.escProject, "platform-esc");
        assert.deepEqual(cfg.github, { owner: "acme-corp", repo: "k8s-platform", ownerId: 123456, repoId: 987654321, maintainersTeamId: 4242 });
        assert.equal(cfg.registerGithubOidcIssuer, false);
    });

    it("names every missing required key in one error", () => {
        const problems = problemsOf({});
        const keys = [
            "pulumiOrg",
            "githubOwner",
            "githubRepo",
            "githubOwnerId",
            "githubRepoId",
            "githubMaintainersTeamId",
            "azureTenantId",
            "stagingAzureSubscriptionId",
            "stagingAzureClientId",
            "prodAzureSubscriptionId",
            "prodAzureClientId",
            "stagingAzurePreviewClientId",
            "prodAzurePreviewClientId",
        ];
        assert.equal(problems.length, keys.length, problems.join("\n"));
        keys.forEach((key, i) => assert.match(problems[i], new RegExp(`^platform-deployments:${key} is required but not set: expected `)));
    });

    it("reports key, value and what is allowed for a bad GUID", () => {
        const problems = problemsOf({ ...validRaw(), prodAzureClientId: "my-app" });
        assert.deepEqual(problems, [
            'platform-deployments:prodAzureClientId = "my-app" is invalid: expected a GUID like 00000000-0000-0000-0000-000000000000 (Application (client) id of the Entra app used for prod)',
        ]);
    });

    it("the thrown error message lists the problems and how to fix them", () => {
        assert.throws(
            () => parseConfig(getter({ ...validRaw(), githubOwner: "-bad-" })),
            (err: unknown) => {
                assert.ok(err instanceof ConfigError);
                assert.match(err.message, /configuration is invalid \(1 problem\)/);
                assert.match(err.message, /platform-deployments:githubOwner = "-bad-" is invalid: expected a GitHub user or organization name/);
                assert.match(err.message, /pulumi config set/);
                return true;
            },
        );
    });

    it("rejects malformed GitHub names", () => {
        assert.equal(problemsOf({ ...validRaw(), githubOwner: "a--b" }).length, 1);
        assert.equal(problemsOf({ ...validRaw(), githubOwner: "x".repeat(40) }).length, 1);
        assert.match(problemsOf({ ...validRaw(), githubRepo: "my repo" })[0], /githubRepo = "my repo" is invalid/);
        assert.match(problemsOf({ ...validRaw(), githubRepo: ".." })[0], /not "\." or "\.\."/);
    });

    it("rejects branch names that git or Pulumi Deployments would not match", () => {
        for (const bad of ["refs/heads/main", "feature..x", "-x", "a b", "release/", "x.lock", "/main"]) {
            const problems = problemsOf({ ...validRaw(), prodBranch: bad });
            assert.equal(problems.length, 1, `${bad}: ${problems.join("; ")}`);
            assert.match(problems[0], new RegExp(`^platform-deployments:prodBranch = ${JSON.stringify(bad).replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is invalid: expected a git branch name`));
        }
        assert.equal(branchProblem("release/2026.10"), undefined);
    });

    it("refuses a preview app that is the deploying app (previews run pull-request code)", () => {
        const problems = problemsOf({ ...validRaw(), prodAzurePreviewClientId: PROD_CLIENT.toUpperCase() });
        assert.equal(problems.length, 1, problems.join("\n"));
        assert.match(
            problems[0],
            /^platform-deployments:prodAzurePreviewClientId = "BBBBBBBB-0000-0000-0000-000000000002" is invalid: it must differ from platform-deployments:prodAzureClientId: previews run pull-request code and get a read-only app \(Reader \+ Azure Kubernetes Service Cluster User Role \+ Azure Kubernetes Service RBAC Reader\)/,
        );
    });

    it("refuses to deploy staging and prod from the same branch", () => {
        const problems = problemsOf({ ...validRaw(), stagingBranch: "main", prodBranch: "main" });
        assert.deepEqual(problems, [
            'platform-deployments:prodBranch = "main" is invalid: it must differ from platform-deployments:stagingBranch so a merge to staging\'s branch never deploys prod',
        ]);
    });

    it("requires the numeric GitHub ids: a name-only OIDC rule never matches an immutable subject", () => {
        const { githubOwnerId: _owner, githubRepoId: _repo, ...withoutIds } = validRaw();
        assert.deepEqual(problemsOf(withoutIds), [
            "platform-deployments:githubOwnerId is required but not set: expected a positive integer: the numeric id of the GitHub owner (gh api repos/OWNER/REPO --jq .owner.id)",
            "platform-deployments:githubRepoId is required but not set: expected a positive integer: the numeric id of the GitHub repository (gh api repos/OWNER/REPO --jq .id)",
        ]);
        assert.deepEqual(problemsOf({ ...validRaw(), githubRepoId: "0" }), [
            'platform-deployments:githubRepoId = "0" is invalid: expected a positive integer: the numeric id of the GitHub repository (gh api repos/OWNER/REPO --jq .id)',
        ]);
        assert.match(problemsOf({ ...validRaw(), githubMaintainersTeamId: "abc" })[0], /githubMaintainersTeamId = "abc" is invalid: expected a positive integer/);
    });

    it("rejects non-boolean flags and the legacy default ESC project", () => {
        assert.deepEqual(problemsOf({ ...validRaw(), registerGithubOidcIssuer: "yes" }), [
            'platform-deployments:registerGithubOidcIssuer = "yes" is invalid: expected "true" or "false"',
        ]);
        assert.match(problemsOf({ ...validRaw(), escProject: "default" })[0], /escProject = "default" is invalid: the legacy "default" ESC project/);
    });

    it("uses the namespace it is given in messages", () => {
        assert.throws(() => parseConfig(getter({}), "my-project"), /my-project:pulumiOrg is required/);
    });
});

describe("Pulumi.yaml", () => {
    const project = YAML.parse(fs.readFileSync(path.join(__dirname, "..", "Pulumi.yaml"), "utf8")) as {
        name: string;
        runtime: string;
        config: Record<string, { type: string; description?: string; default?: unknown }>;
    };

    it("is the nodejs project platform-deployments", () => {
        assert.equal(project.name, "platform-deployments");
        assert.equal(project.runtime, "nodejs");
    });

    it("declares exactly the keys the program reads, each with a type and a description", () => {
        const read = new Set<string>();
        try {
            parseConfig((key) => {
                read.add(key);
                return undefined;
            });
        } catch {
            // expected: nothing is set
        }
        assert.deepEqual(Object.keys(project.config).sort(), [...read].sort());
        for (const [key, decl] of Object.entries(project.config)) {
            assert.ok(["string", "integer", "boolean"].includes(decl.type), `${key}: type ${decl.type}`);
            assert.ok(decl.description && decl.description.length > 20, `${key}: needs a description`);
        }
    });

    it("declares the same defaults as the code", () => {
        for (const [key, value] of Object.entries(DEFAULTS)) {
            assert.deepEqual(project.config[key]?.default, value, `Pulumi.yaml default of ${key}`);
        }
        const required = Object.entries(project.config)
            .filter(([, decl]) => decl.default === undefined)
            .map(([key]) => key)
            .sort();
        assert.deepEqual(required, Object.keys(validRaw()).sort(), "keys without a default are exactly the required ones");
    });
});
