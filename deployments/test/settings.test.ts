import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { parseConfig } from "../src/config";
import {
    PATH_FILTERS,
    azureFederatedCredential,
    buildDeploymentSettingsArgs,
    buildEscEnvironmentDefinition,
    escEnvironmentId,
    renderEscEnvironmentYaml,
    stackConfigImport,
} from "../src/settings";
import { summarize } from "../src/summary";
import { executorImage, pulumiSdkVersion } from "../src/versions";
import { PROD_CLIENT, PROD_SUB, STAGING_CLIENT, STAGING_SUB, TENANT, getter, validRaw } from "./fixtures";

const cfg = parseConfig(getter(validRaw()));

/**
 * Approximates Pulumi Deployments' path-filter semantics (documented: a push deploys
 * when at least one changed file matches an include filter, or there are none, and no
 * exclude filter) with Node's glob matcher.
 */
function triggersDeployment(filters: readonly string[], changedFiles: string[]): boolean {
    const includes = filters.filter((f) => !f.startsWith("!"));
    const excludes = filters.filter((f) => f.startsWith("!")).map((f) => f.slice(1));
    return changedFiles.some(
        (file) =>
            (includes.length === 0 || includes.some((g) => path.posix.matchesGlob(file, g))) &&
            !excludes.some((g) => path.posix.matchesGlob(file, g)),
    );
}

describe("buildDeploymentSettingsArgs", () => {
    it("staging: push-to-deploy from main at the repository root, npm ci, no PR previews, pinned executor", () => {
        assert.deepEqual(buildDeploymentSettingsArgs(cfg, "staging"), {
            organization: "acme",
            project: "platform",
            stack: "staging",
            vcs: {
                provider: "github",
                repository: "acme-corp/k8s-platform",
                deployCommits: true,
                previewPullRequests: false,
                pullRequestTemplate: false,
                paths: ["!app/**", "!deploy/**", "!deployments/**", "!.github/**", "!*.md", "!**/*.md"],
            },
            sourceContext: { git: { branch: "refs/heads/main" } },
            operationContext: {
                preRunCommands: ["npm ci", "node scripts/install-kubelogin.cjs /usr/local/bin"],
                environmentVariables: {},
                options: { skipInstallDependencies: true, skipIntermediateDeployments: true },
            },
            executorContext: { executorImage: "pulumi/pulumi-nodejs-22:3.270.0" },
            cacheOptions: { enable: true },
        });
    });

    it("never runs a pull request's code with the deploying identity (no Deployments PR previews, no review stacks)", () => {
        for (const stack of ["staging", "prod"] as const) {
            const { vcs } = buildDeploymentSettingsArgs(cfg, stack);
            assert.equal(vcs.previewPullRequests, false, `${stack}: a Deployments PR preview opens the deploy environment with PR code`);
            assert.equal(vcs.pullRequestTemplate, false, `${stack}: review stacks would deploy PR code`);
            assert.equal(vcs.deployCommits, true);
        }
    });

    it("executor: Node 22 and the Pulumi CLI of the root SDK version", () => {
        const rootPackage = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
            dependencies: Record<string, string>;
        };
        assert.equal(pulumiSdkVersion(), rootPackage.dependencies["@pulumi/pulumi"]);
        assert.equal(executorImage(), `pulumi/pulumi-nodejs-22:${rootPackage.dependencies["@pulumi/pulumi"]}`);
        for (const stack of ["staging", "prod"] as const) {
            assert.equal(buildDeploymentSettingsArgs(cfg, stack).executorContext.executorImage, executorImage());
        }
    });

    it("prod: same settings, deployed from the release branch", () => {
        const prod = buildDeploymentSettingsArgs(cfg, "prod");
        const staging = buildDeploymentSettingsArgs(cfg, "staging");
        assert.equal(prod.stack, "prod");
        assert.equal(prod.sourceContext.git.branch, "refs/heads/release");
        assert.deepEqual({ ...prod, stack: "staging", sourceContext: staging.sourceContext }, staging);
    });

    it("follows configured branches and project", () => {
        const custom = parseConfig(getter({ ...validRaw(), prodBranch: "production", platformProject: "k8s" }));
        const prod = buildDeploymentSettingsArgs(custom, "prod");
        assert.equal(prod.sourceContext.git.branch, "refs/heads/production");
        assert.equal(prod.project, "k8s");
    });

    it("has no repoDir (Pulumi.yaml is at the repository root) and no credentials", () => {
        const args = buildDeploymentSettingsArgs(cfg, "prod");
        assert.ok(!("repoDir" in args.sourceContext.git));
        assert.ok(!("oidc" in args.operationContext), "Azure credentials come from ESC, not Deployments OIDC");
        assert.deepEqual(args.operationContext.environmentVariables, {}, "no credential here, and no PULUMI_RUN_PROGRAM: refresh and destroy work from state");
    });

    it("path filters: program changes deploy, app/, deploy/, deployments/, .github/ and docs do not", () => {
        for (const file of ["index.ts", "Pulumi.prod.yaml", "package-lock.json", "components/aks/cluster.ts", "policy/index.ts"]) {
            assert.equal(triggersDeployment(PATH_FILTERS, [file]), true, `${file} should trigger a deployment`);
        }
        for (const file of [
            "app/src/server.ts",
            "app/Dockerfile",
            "deploy/prod/app/deployment.yaml",
            "deployments/index.ts",
            ".github/workflows/ci.yml",
            "README.md",
            "docs/runbook.md",
        ]) {
            assert.equal(triggersDeployment(PATH_FILTERS, [file]), false, `${file} should not trigger a deployment`);
        }
        assert.equal(triggersDeployment(PATH_FILTERS, ["app/src/server.ts", "components/dns.ts"]), true);
    });
});

describe("ESC environment", () => {
    it("is named <escProject>/azure-<stack>", () => {
        assert.deepEqual(escEnvironmentId(cfg, "staging"), { project: "platform", name: "azure-staging", ref: "platform/azure-staging" });
        assert.equal(escEnvironmentId(cfg, "prod").ref, "platform/azure-prod");
    });

    for (const [stack, clientId, subscriptionId] of [
        ["staging", STAGING_CLIENT, STAGING_SUB],
        ["prod", PROD_CLIENT, PROD_SUB],
    ] as const) {
        it(`${stack}: YAML logs in to Azure with OIDC and exports the ARM_* variables`, () => {
            const text = renderEscEnvironmentYaml(cfg, stack);
            const doc = YAML.parse(text) as Record<string, unknown>;
            assert.deepEqual(doc, {
                values: {
                    azure: {
                        login: {
                            "fn::open::azure-login": {
                                clientId,
                                tenantId: TENANT,
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
                        AAD_LOGIN_METHOD: "workloadidentity",
                        AZURE_CLIENT_ID: "${azure.login.clientId}",
                        AZURE_TENANT_ID: "${azure.login.tenantId}",
                        AZURE_AUTHORITY_HOST: "https://login.microsoftonline.com/",
                    },
                    files: { AZURE_FEDERATED_TOKEN_FILE: "${azure.login.oidc.token}" },
                },
            });
            assert.deepEqual(doc, buildEscEnvironmentDefinition(cfg, stack));
            // ARM_USE_OIDC must be the string "true" (environment variables are strings), not a YAML boolean.
            assert.match(text, /ARM_USE_OIDC: "true"/);
            assert.match(text, /^# Managed by the platform-deployments Pulumi program/);
        });
    }

    it("never mixes staging and prod identities", () => {
        assert.doesNotMatch(renderEscEnvironmentYaml(cfg, "staging"), new RegExp(`${PROD_CLIENT}|${PROD_SUB}`));
        assert.doesNotMatch(renderEscEnvironmentYaml(cfg, "prod"), new RegExp(`${STAGING_CLIENT}|${STAGING_SUB}`));
    });

    it("contains no secret material", () => {
        for (const stack of ["staging", "prod"] as const) {
            assert.doesNotMatch(renderEscEnvironmentYaml(cfg, stack), /clientSecret|password|fn::secret/i);
        }
    });

    it("is imported by the stack through its environment: list", () => {
        assert.equal(stackConfigImport(cfg, "prod"), "environment:\n  - platform/azure-prod\n  - platform/prod-secrets\n");
        assert.deepEqual(YAML.parse(stackConfigImport(cfg, "staging")), { environment: ["platform/azure-staging", "platform/staging-secrets"] });
    });
});

describe("Entra federated credentials and the operator summary", () => {
    it("match the ESC token of each environment", () => {
        assert.deepEqual(azureFederatedCredential(cfg, escEnvironmentId(cfg, "prod")), {
            name: "pulumi-esc-platform-azure-prod",
            issuer: "https://api.pulumi.com/oidc",
            subject: "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:platform/azure-prod",
            audience: "azure:acme",
        });
        assert.notEqual(
            azureFederatedCredential(cfg, escEnvironmentId(cfg, "staging")).subject,
            azureFederatedCredential(cfg, escEnvironmentId(cfg, "prod")).subject,
        );
    });

    it("summary carries what an operator must copy for each stack", () => {
        const summary = summarize(cfg);
        assert.deepEqual(Object.keys(summary.stacks), ["staging", "prod"]);
        assert.equal(summary.stacks.staging.stack, "acme/platform/staging");
        assert.equal(summary.stacks.prod.branch, "release");
        assert.equal(summary.stacks.prod.escEnvironment, "acme/platform/azure-prod");
        assert.equal(summary.stacks.prod.previewEscEnvironment, "acme/platform/prod-preview");
        assert.equal(
            summary.stacks.prod.previewAzureFederatedCredential.subject,
            "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:platform/prod-preview",
        );
        assert.equal(summary.stacks.staging.previewTeam, "platform-preview-staging");
        assert.deepEqual(
            summary.githubOidcPolicies.map((p) => [p.tokenType, p.teamName, p.rules["sub"]]),
            [
                ["team", "platform-preview-staging", "repo:acme-corp@1234/k8s-platform@5678:pull_request"],
                ["team", "platform-preview-staging", "repo:acme-corp/k8s-platform:pull_request"],
                ["team", "platform-preview-prod", "repo:acme-corp@1234/k8s-platform@5678:environment:prod-preview"],
                ["team", "platform-preview-prod", "repo:acme-corp/k8s-platform:environment:prod-preview"],
                ["team", "platform-preview-staging", "repo:acme-corp@1234/k8s-platform@5678:environment:aks-versions"],
                ["team", "platform-preview-staging", "repo:acme-corp/k8s-platform:environment:aks-versions"],
            ],
        );
    });
});
