/**
 * What runs a preview (GitHub Actions' ubuntu-latest after the job's setup steps) and what runs a
 * deployment (the Pulumi Deployments executor image) provide, against what each needs: Node 22,
 * the Pulumi CLI of the SDK version, kubelogin at its pinned version and checksum (the AKS
 * kubeconfig runs it), and logins that need no person (OIDC everywhere, no `az login`, no browser).
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { buildPreviewEnvironmentDefinition } from "../src/access";
import { DEPLOYED_STACKS, parseConfig } from "../src/config";
import { PRE_RUN_COMMANDS, buildDeploymentSettingsArgs, buildEscEnvironmentDefinition } from "../src/settings";
import { KUBELOGIN_INSTALL_DIR } from "../src/settings";
import { pulumiSdkVersion } from "../src/versions";
import { getter, validRaw } from "./fixtures";
import { REPO_ROOT, findStep, loadWorkflows, stepsOf, withOf } from "./workflow-helpers";

const cfg = parseConfig(getter(validRaw()));
const preview = loadWorkflows().find((w) => w.file === "preview.yml")!;
const PREVIEW_JOBS = ["preview-staging", "preview-prod"];

/** Shell words that are not programs. */
const SHELL_WORDS = new Set(["if", "then", "else", "elif", "fi", "!", "[", "]", "echo", "exit", "true", "false", "test", "set", "export"]);

/** First word of every simple command in a script (enough for the short run: blocks of these jobs). */
function commandsOf(script: string): string[] {
    const commands: string[] = [];
    // Quoted text is data, not commands.
    const unquoted = script.replace(/"(?:[^"\\]|\\.)*"|'[^']*'/g, "WORD");
    for (const part of unquoted.split(/\n|;|&&|\|\||\|/)) {
        const words = part.trim().split(/\s+/).filter(Boolean);
        while (words.length > 0 && ["if", "then", "else", "elif", "!", "do", "while"].includes(words[0])) words.shift();
        if (words.length > 0 && !words[0].startsWith("#")) commands.push(words[0]);
    }
    return commands;
}

/** Programs a runner has: the tools the job's setup installs on GitHub's ubuntu-latest. */
const PREVIEW_RUNNER_PROGRAMS = new Set(["node", "npm"]);

describe("runners: tools and logins", () => {
    it("commandsOf finds the programs of a script", () => {
        assert.deepEqual(
            commandsOf('if [ -z "$X" ]; then\n  echo "no; see x"\n  exit 1\nfi\nnpm ci && kubelogin convert-kubeconfig | az login\n'),
            ["[", "echo", "exit", "fi", "npm", "kubelogin", "az"],
        );
    });

    for (const job of PREVIEW_JOBS) {
        it(`${job}: Node 22 and the pinned Pulumi CLI are installed by the job itself`, () => {
            assert.equal(String(withOf(findStep(preview, job, "actions/setup-node"))["node-version"]), "22");
            assert.equal(withOf(findStep(preview, job, "pulumi/actions"))["pulumi-version"], pulumiSdkVersion());
        });

        it(`${job}: runs only node and npm, and no interactive or tool-based login`, () => {
            for (const ref of stepsOf(preview, job)) {
                const run = ref.step["run"];
                if (typeof run === "string") {
                    for (const command of commandsOf(run)) {
                        assert.ok(SHELL_WORDS.has(command) || PREVIEW_RUNNER_PROGRAMS.has(command), `${job}: "${command}" is not provided by the runner`);
                    }
                }
                const uses = String(ref.step["uses"] ?? "");
                assert.ok(!uses.startsWith("azure/"), `${job}: ${uses}: Azure credentials come from ESC by OIDC`);
            }
            assert.doesNotMatch(JSON.stringify(preview.doc["jobs"]), /AAD_LOGIN_METHOD|az login|pulumi login|AZURE_CLIENT_SECRET|ARM_CLIENT_SECRET/);
            // The Pulumi login is the OIDC exchange of the job's own GitHub token.
            findStep(preview, job, "pulumi/auth-actions");
        });

        it(`${job}: installs the pinned kubelogin with the verifying installer, onto PATH, before the preview`, () => {
            const runs = stepsOf(preview, job).map((ref) => String(ref.step["run"] ?? ""));
            const install = runs.findIndex((run) => run.includes('node scripts/install-kubelogin.cjs "$RUNNER_TEMP/kubelogin"'));
            assert.ok(install >= 0, `${job}: no kubelogin install step`);
            assert.match(runs[install], /echo "\$RUNNER_TEMP\/kubelogin" >> "\$GITHUB_PATH"/);
            const steps = stepsOf(preview, job).map((ref) => String(ref.step["uses"] ?? ""));
            assert.ok(install < steps.findIndex((uses) => uses.startsWith("pulumi/auth-actions")), "installed before any credential exists in the job");
            assert.ok(install < steps.findIndex((uses) => uses.startsWith("pulumi/actions")));
        });
    }

    it("Deployments: the executor image has Node 22 and the SDK's CLI; the pre-run needs only npm and node", () => {
        for (const stack of DEPLOYED_STACKS) {
            const settings = buildDeploymentSettingsArgs(cfg, stack);
            const [image, tag] = settings.executorContext.executorImage.split(":");
            assert.equal(image, "pulumi/pulumi-nodejs-22");
            assert.equal(tag, pulumiSdkVersion());
            for (const command of settings.operationContext.preRunCommands) {
                assert.ok(["npm", "node"].includes(commandsOf(command)[0]) && commandsOf(command).length === 1, command);
            }
        }
        assert.deepEqual([...PRE_RUN_COMMANDS], ["npm ci", `node scripts/install-kubelogin.cjs ${KUBELOGIN_INSTALL_DIR}`]);
        assert.equal(KUBELOGIN_INSTALL_DIR, "/usr/local/bin", "on the executor's PATH");
    });

    it("the program needs Node 22, which both runners have", () => {
        for (const dir of [".", "deployments", "policy"]) {
            const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, dir, "package.json"), "utf8")) as { engines?: { node?: string } };
            assert.equal(pkg.engines?.node, ">=22", `${dir}/package.json engines.node`);
        }
    });

    for (const stack of DEPLOYED_STACKS) {
        it(`${stack}: both ESC environments log in to Azure by OIDC, without a secret or a person`, () => {
            for (const doc of [buildEscEnvironmentDefinition(cfg, stack), buildPreviewEnvironmentDefinition(cfg, stack)]) {
                const values = doc["values"] as { azure: { login: Record<string, Record<string, unknown>> }; environmentVariables: Record<string, string> };
                assert.equal(values.azure.login["fn::open::azure-login"]["oidc"], true);
                assert.equal(values.environmentVariables["ARM_USE_OIDC"], "true");
                assert.equal(values.environmentVariables["ARM_OIDC_TOKEN"], "${azure.login.oidc.token}");
                assert.doesNotMatch(JSON.stringify(doc), /clientSecret|ARM_CLIENT_SECRET|AZURE_CLIENT_SECRET|ARM_USE_CLI|ARM_USE_MSI/);
                // kubelogin logs in as the same app with the same OIDC token, from a file ESC writes (no secret).
                assert.equal(values.environmentVariables["AAD_LOGIN_METHOD"], "workloadidentity");
                assert.equal(values.environmentVariables["AZURE_CLIENT_ID"], "${azure.login.clientId}");
                assert.deepEqual((doc["values"] as { files: unknown }).files, { AZURE_FEDERATED_TOKEN_FILE: "${azure.login.oidc.token}" });
            }
        });
    }
});
