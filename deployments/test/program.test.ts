/**
 * Runs the program under Pulumi's mock runtime and asserts the inputs that
 * would be sent to Pulumi Cloud. Nothing is deployed.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { PREVIEW_SECRET_PLACEHOLDERS } from "../src/access";
import { parseConfig } from "../src/config";
import * as program from "../src/program";
import { PROD_CLIENT, PROD_PREVIEW_CLIENT, PROD_SUB, STAGING_CLIENT, STAGING_PREVIEW_CLIENT, STAGING_SUB, getter, validRaw } from "./fixtures";

interface Registered {
    type: string;
    name: string;
    inputs: Record<string, unknown>;
}

let registered: Registered[] = [];

function installMocks(project: string, stack: string): void {
    registered = [];
    pulumi.runtime.setMocks(
        {
            newResource(args: pulumi.runtime.MockResourceArgs) {
                registered.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, unknown> });
                const state: Record<string, unknown> = { ...args.inputs };
                if (args.type === "pulumiservice:index:Environment") state["revision"] = 1;
                return { id: `${args.name}-id`, state };
            },
            call(args: pulumi.runtime.MockCallArgs) {
                return args.inputs;
            },
        },
        project,
        stack,
        false,
    );
}

/** Waits until every resource has been registered with the (mock) engine. */
async function settle(resources: pulumi.Resource[]): Promise<void> {
    await Promise.all(resources.map((r) => new Promise<string>((resolve) => r.urn.apply(resolve))));
}

function byType(type: string): Registered[] {
    return registered.filter((r) => r.type === type);
}

function one(type: string, name: string): Registered {
    const found = registered.filter((r) => r.type === type && r.name === name);
    assert.equal(found.length, 1, `expected one ${type} named ${name}, found ${found.length}`);
    return found[0];
}

/** Text of a StringAsset input as the engine receives it. */
async function assetText(value: unknown): Promise<string> {
    assert.ok(value instanceof pulumi.asset.StringAsset, `yaml must be a StringAsset, got ${JSON.stringify(value)}`);
    const text: unknown = await value.text;
    assert.equal(typeof text, "string");
    return text as string;
}

/** Polls until `done()` holds (registration of dependent resources is asynchronous). */
async function waitFor(done: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
        if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
    }
}

describe("program under Pulumi mocks", () => {
    // src/program creates nothing at import time, so a static import is safe; resources
    // are only created by createPlatformDeployments(), after the mocks are installed.
    beforeEach(() => installMocks("platform-deployments", "admin"));

    it("creates the deploy, secrets and preview environments, settings, teams, issuer, policy and drift schedules", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
        const { previewAccess: access, governance } = created;
        await settle([
            ...Object.values(created.environments),
            ...Object.values(created.deploymentSettings),
            ...Object.values(access.environments),
            ...Object.values(access.teams),
            ...Object.values(access.stackPermissions),
            ...Object.values(access.environmentPermissions),
            access.githubOidcIssuer!,
            governance.policyPack,
            governance.policyGroup,
            ...Object.values(governance.driftSchedules),
            ...Object.values(created.secretsEnvironments),
            ...Object.values(created.githubEnvironments!.environments),
            ...created.githubEnvironments!.branchPolicies,
            created.selfDeployment.environment,
            created.selfDeployment.settings,
        ]);
        assert.deepEqual(registered.map((r) => `${r.type}::${r.name}`).sort(), [
            "github:index/repositoryEnvironment:RepositoryEnvironment::github-environment-prod-preview",
            "pulumi:providers:github::github",
            "pulumiservice:index:DeploymentSettings::deployment-settings-prod",
            "pulumiservice:index:DeploymentSettings::deployment-settings-self",
            "pulumiservice:index:DeploymentSettings::deployment-settings-staging",
            "pulumiservice:index:DriftSchedule::drift-prod",
            "pulumiservice:index:DriftSchedule::drift-staging",
            "pulumiservice:index:Environment::esc-azure-prod",
            "pulumiservice:index:Environment::esc-azure-staging",
            "pulumiservice:index:Environment::esc-platform-governance",
            "pulumiservice:index:Environment::esc-prod-preview",
            "pulumiservice:index:Environment::esc-secrets-prod",
            "pulumiservice:index:Environment::esc-secrets-staging",
            "pulumiservice:index:Environment::esc-staging-preview",
            "pulumiservice:index:OidcIssuer::github-actions-oidc-issuer",
            "pulumiservice:index:PolicyGroup::policy-group",
            "pulumiservice:index:PolicyPack::policy-pack",
            "pulumiservice:index:Team::team-preview-prod",
            "pulumiservice:index:Team::team-preview-staging",
            "pulumiservice:index:TeamEnvironmentPermission::team-preview-prod-environment",
            "pulumiservice:index:TeamEnvironmentPermission::team-preview-staging-environment",
            "pulumiservice:index:TeamStackPermission::team-preview-prod-stack",
            "pulumiservice:index:TeamStackPermission::team-preview-staging-stack",
        ]);
    });

    it("creates the GitHub environments the workflows name, each with required reviewers, no self-review and no admin bypass", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
        await settle([...Object.values(created.githubEnvironments!.environments), ...created.githubEnvironments!.branchPolicies]);
        const envType = "github:index/repositoryEnvironment:RepositoryEnvironment";
        for (const name of ["prod-preview"]) {
            const inputs = one(envType, `github-environment-${name}`).inputs;
            assert.equal(inputs["repository"], "k8s-platform");
            assert.equal(inputs["environment"], name);
            assert.deepEqual(inputs["reviewers"], [{ teams: [4242] }], "the maintainers team (githubMaintainersTeamId)");
            assert.equal(inputs["preventSelfReview"], true);
            assert.equal(inputs["canAdminsBypass"], false);
        }
        assert.equal(one(envType, "github-environment-prod-preview").inputs["deploymentBranchPolicy"], undefined, "a PR job runs on refs/pull/N/merge; the OIDC policy binds the branches");
        assert.equal(byType("github:index/repositoryEnvironmentDeploymentPolicy:RepositoryEnvironmentDeploymentPolicy").length, 0);
        const provider = one("pulumi:providers:github", "github").inputs;
        assert.equal(provider["owner"], "acme-corp");
        assert.ok(!("token" in provider) && !("appAuth" in provider), "no GitHub credential in config or state: the provider reads GITHUB_TOKEN");
    });

    it("deploys itself: its own stack's settings follow main for deployments/, policy/, deploy/ and package.json, never a PR", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
        await settle([created.selfDeployment.environment, created.selfDeployment.settings]);
        const settings = one("pulumiservice:index:DeploymentSettings", "deployment-settings-self").inputs;
        assert.equal(settings["project"], "platform-deployments");
        assert.equal(settings["stack"], "admin");
        assert.deepEqual(settings["sourceContext"], { git: { branch: "refs/heads/main", repoDir: "deployments" } });
        assert.deepEqual(settings["vcs"], {
            provider: "github",
            repository: "acme-corp/k8s-platform",
            deployCommits: true,
            previewPullRequests: false,
            pullRequestTemplate: false,
            paths: ["deployments/**", "policy/**", "deploy/**", "package.json"],
        });
        assert.deepEqual((settings["executorContext"] as { executorImage: string }).executorImage, "pulumi/pulumi-nodejs-22:3.270.0");
        const env = one("pulumiservice:index:Environment", "esc-platform-governance").inputs;
        assert.equal(env["name"], "platform-governance");
        const yaml = YAML.parse(await assetText(env["yaml"])) as { values: { environmentVariables: { GITHUB_TOKEN: { "fn::secret": string } } } };
        assert.equal(yaml.values.environmentVariables.GITHUB_TOKEN["fn::secret"], "", "no token in the repository: a maintainer sets it");
    });

    it("leaves the GitHub environments alone when manageGithubEnvironments is false", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter({ ...validRaw(), manageGithubEnvironments: "false" })));
        assert.equal(created.githubEnvironments, undefined);
        await settle([created.deploymentSettings.prod]);
        assert.equal(byType("github:index/repositoryEnvironment:RepositoryEnvironment").length, 0);
    });

    it("creates each stack's secrets environment once from the committed skeleton, then never overwrites it", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
        await settle([created.secretsEnvironments.staging, created.secretsEnvironments.prod]);
        for (const stack of ["staging", "prod"] as const) {
            const inputs = one("pulumiservice:index:Environment", `esc-secrets-${stack}`).inputs;
            assert.deepEqual([inputs["organization"], inputs["project"], inputs["name"]], ["acme", "platform", `${stack}-secrets`]);
            const doc = YAML.parse(await assetText(inputs["yaml"])) as { values: { pulumiConfig: Record<string, { "fn::secret": string }> } };
            assert.deepEqual(Object.keys(doc.values.pulumiConfig).sort(), ["alertmanagerHeartbeatUrl", "alertmanagerPageKey", "alertmanagerWebhookUrl", "gitopsRepoToken", "greeting", "registryPassword"]);
            for (const value of Object.values(doc.values.pulumiConfig)) assert.deepEqual(value, { "fn::secret": "" }, "the skeleton holds no secret");
        }
    });

    it("the policy group attaches the published pack to staging and prod, preventative", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
        await settle([created.governance.policyGroup, created.governance.policyPack]);
        const pack = one("pulumiservice:index:PolicyPack", "policy-pack").inputs;
        assert.deepEqual(Object.keys(pack).sort(), ["name", "organization", "sourcePath", "versionTag"]);
        assert.equal(pack["sourcePath"], ".policy-pack");
        const versionTag = String(pack["versionTag"]);
        assert.match(versionTag, /^0\.1\.0-c[0-9a-f]{12}$/);
        // The staged folder the provider uploads holds the bundled manifests.
        assert.ok(fs.existsSync(path.join(__dirname, "..", ".policy-pack", "deploy", "prod", "deployment-greeter.yaml")));
        const group = one("pulumiservice:index:PolicyGroup", "policy-group").inputs;
        assert.equal(group["mode"], "preventative");
        assert.equal(group["entityType"], "stacks");
        assert.deepEqual(group["stacks"], [
            { name: "staging", routingProject: "platform" },
            { name: "prod", routingProject: "platform" },
        ]);
        assert.deepEqual(group["policyPacks"], [{ name: "platform-guardrails", versionTag }]);
    });

    it("drift schedules: prod detect only, staging remediated", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
        await settle(Object.values(created.governance.driftSchedules));
        assert.equal(one("pulumiservice:index:DriftSchedule", "drift-prod").inputs["autoRemediate"], false);
        assert.equal(one("pulumiservice:index:DriftSchedule", "drift-staging").inputs["autoRemediate"], true);
        assert.equal(one("pulumiservice:index:DriftSchedule", "drift-prod").inputs["stack"], "prod");
    });

    it("preview teams: Stack Read and open on the preview environment, as sent to Pulumi Cloud", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
        const access = created.previewAccess;
        await settle([...Object.values(access.stackPermissions), ...Object.values(access.environmentPermissions), ...Object.values(access.environments)]);
        for (const stack of ["staging", "prod"]) {
            assert.equal(one("pulumiservice:index:TeamStackPermission", `team-preview-${stack}-stack`).inputs["permission"], 101);
            const envPermission = one("pulumiservice:index:TeamEnvironmentPermission", `team-preview-${stack}-environment`).inputs;
            assert.equal(envPermission["permission"], "open");
            assert.equal(envPermission["environment"], `${stack}-preview`);
            const env = one("pulumiservice:index:Environment", `esc-${stack}-preview`).inputs;
            const doc = YAML.parse(await assetText(env["yaml"])) as { values: { azure: { login: Record<string, Record<string, unknown>> } } };
            assert.equal(doc.values.azure.login["fn::open::azure-login"]["clientId"], stack === "prod" ? PROD_PREVIEW_CLIENT : STAGING_PREVIEW_CLIENT);
        }
    });

    for (const [stack, branch] of [
        ["staging", "refs/heads/main"],
        ["prod", "refs/heads/release"],
    ] as const) {
        it(`${stack}: DeploymentSettings inputs sent to Pulumi Cloud`, async () => {
            const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
            await settle([created.deploymentSettings[stack]]);
            const inputs = one("pulumiservice:index:DeploymentSettings", `deployment-settings-${stack}`).inputs;

            assert.equal(inputs["organization"], "acme");
            assert.equal(inputs["project"], "platform");
            assert.equal(inputs["stack"], stack);
            assert.deepEqual(inputs["sourceContext"], { git: { branch } });
            assert.deepEqual(inputs["operationContext"], {
                preRunCommands: ["npm ci", "node scripts/install-kubelogin.cjs /usr/local/bin"],
                environmentVariables: {},
                options: { skipInstallDependencies: true, skipIntermediateDeployments: true },
            });
            assert.deepEqual(inputs["executorContext"], { executorImage: "pulumi/pulumi-nodejs-22:3.270.0" });
            assert.deepEqual(inputs["cacheOptions"], { enable: true });
            assert.deepEqual(inputs["vcs"], {
                provider: "github",
                repository: "acme-corp/k8s-platform",
                deployCommits: true,
                previewPullRequests: false,
                pullRequestTemplate: false,
                paths: ["!app/**", "!deploy/**", "!deployments/**", "!.github/**", "!*.md", "!**/*.md"],
            });
            assert.equal(inputs["github"], undefined, "the deprecated github block must not be used");
        });

        it(`${stack}: Environment YAML sent to Pulumi Cloud`, async () => {
            const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
            await settle([created.environments[stack]]);
            const inputs = one("pulumiservice:index:Environment", `esc-azure-${stack}`).inputs;
            assert.equal(inputs["organization"], "acme");
            assert.equal(inputs["project"], "platform");
            assert.equal(inputs["name"], `azure-${stack}`);

            const doc = YAML.parse(await assetText(inputs["yaml"])) as {
                values: { azure: { login: Record<string, Record<string, unknown>> }; environmentVariables: Record<string, string> };
            };
            const login = doc.values.azure.login["fn::open::azure-login"];
            assert.equal(login["oidc"], true);
            assert.equal(login["clientId"], stack === "prod" ? PROD_CLIENT : STAGING_CLIENT);
            assert.equal(login["subscriptionId"], stack === "prod" ? PROD_SUB : STAGING_SUB);
            assert.deepEqual(Object.keys(doc.values.environmentVariables).sort(), [
                "AAD_LOGIN_METHOD",
                "ARM_CLIENT_ID",
                "ARM_OIDC_TOKEN",
                "ARM_SUBSCRIPTION_ID",
                "ARM_TENANT_ID",
                "ARM_USE_OIDC",
                "AZURE_AUTHORITY_HOST",
                "AZURE_CLIENT_ID",
                "AZURE_TENANT_ID",
            ]);
        });
    }

    it("OidcIssuer inputs: preview team tokens only, at most one hour", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter(validRaw())));
        await settle([created.previewAccess.githubOidcIssuer!]);
        const inputs = one("pulumiservice:index:OidcIssuer", "github-actions-oidc-issuer").inputs;
        assert.equal(inputs["url"], "https://token.actions.githubusercontent.com");
        assert.equal(inputs["maxExpirationSeconds"], 3600);
        const prodRules = { environment: "prod-preview", event_name: "pull_request", base_ref: "release", head_ref: "main" };
        const ids = { repository_owner_id: "1234", repository_id: "5678" };
        assert.deepEqual(inputs["policies"], [
            { decision: "allow", tokenType: "team", teamName: "platform-preview-staging", rules: { aud: "urn:pulumi:org:acme", sub: "repo:acme-corp@1234/k8s-platform@5678:pull_request" } },
            { decision: "allow", tokenType: "team", teamName: "platform-preview-staging", rules: { aud: "urn:pulumi:org:acme", sub: "repo:acme-corp/k8s-platform:pull_request", ...ids } },
            {
                decision: "allow",
                tokenType: "team",
                teamName: "platform-preview-prod",
                rules: { aud: "urn:pulumi:org:acme", sub: "repo:acme-corp@1234/k8s-platform@5678:environment:prod-preview", ...prodRules },
            },
            {
                decision: "allow",
                tokenType: "team",
                teamName: "platform-preview-prod",
                rules: { aud: "urn:pulumi:org:acme", sub: "repo:acme-corp/k8s-platform:environment:prod-preview", ...ids, ...prodRules },
            },
            {
                decision: "allow",
                tokenType: "team",
                teamName: "platform-preview-staging",
                rules: { aud: "urn:pulumi:org:acme", sub: "repo:acme-corp@1234/k8s-platform@5678:environment:aks-versions", ref: "refs/heads/main" },
            },
            {
                decision: "allow",
                tokenType: "team",
                teamName: "platform-preview-staging",
                rules: { aud: "urn:pulumi:org:acme", sub: "repo:acme-corp/k8s-platform:environment:aks-versions", ...ids, ref: "refs/heads/main" },
            },
        ]);
    });

    it("skips the OIDC issuer when registerGithubOidcIssuer is false", async () => {
        const created = program.createPlatformDeployments(parseConfig(getter({ ...validRaw(), registerGithubOidcIssuer: "false" })));
        assert.equal(created.previewAccess.githubOidcIssuer, undefined);
        await settle([created.deploymentSettings.prod, created.environments.prod, created.selfDeployment.settings]);
        assert.equal(byType("pulumiservice:index:OidcIssuer").length, 0);
        assert.equal(byType("pulumiservice:index:DeploymentSettings").length, 3, "staging, prod and this program itself");
    });
});

describe("index.ts entry point under Pulumi mocks", () => {
    it("reads namespaced config, validates it and exports the operator summary", async () => {
        installMocks("platform-deployments", "admin");
        const raw = validRaw();
        pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(raw).map(([k, v]) => [`platform-deployments:${k}`, v])));
        // index.ts creates resources when it is loaded, so it must be loaded after setMocks/setAllConfig.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const entry = require("../index") as typeof import("../index");
        const stacks = await new Promise<typeof entry.stacks extends pulumi.Output<infer T> ? T : typeof entry.stacks>((resolve) =>
            pulumi.output(entry.stacks).apply((v) => resolve(v as never)),
        );
        assert.equal(stacks.prod.stack, "acme/platform/prod");
        assert.equal(stacks.prod.stackConfigImport, "environment:\n  - platform/azure-prod\n  - platform/prod-secrets\n");
        assert.equal(
            stacks.staging.azureFederatedCredential.subject,
            "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:platform/azure-staging",
        );
        const revisions = await new Promise<Record<string, number>>((resolve) =>
            pulumi.output(entry.escEnvironmentRevisions).apply((v) => resolve(v as Record<string, number>)),
        );
        assert.deepEqual(revisions, { staging: 1, prod: 1 });
        const policies = await new Promise<Array<{ teamName: string }>>((resolve) =>
            pulumi.output(entry.githubOidcPolicies).apply((v) => resolve(v as Array<{ teamName: string }>)),
        );
        assert.deepEqual(policies.map((p) => p.teamName), ["platform-preview-staging", "platform-preview-staging", "platform-preview-prod", "platform-preview-prod", "platform-preview-staging", "platform-preview-staging"]);
        await waitFor(() => byType("pulumiservice:index:DeploymentSettings").length === 3, "the three DeploymentSettings");
        await waitFor(() => byType("pulumiservice:index:OidcIssuer").length === 1, "the OIDC issuer");
        const prod = one("pulumiservice:index:DeploymentSettings", "deployment-settings-prod").inputs;
        assert.deepEqual(prod["sourceContext"], { git: { branch: "refs/heads/release" } });
    });
});

describe("secret config keys, one list", () => {
    it("the preview environments carry a placeholder for every key of the deploy secrets environment", () => {
        const skeleton = YAML.parse(fs.readFileSync(program.STACK_SECRETS_SKELETON, "utf8")) as { values: { pulumiConfig: Record<string, unknown> } };
        assert.deepEqual(Object.keys(PREVIEW_SECRET_PLACEHOLDERS).sort(), Object.keys(skeleton.values.pulumiConfig).sort());
    });
});
