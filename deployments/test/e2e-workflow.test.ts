/**
 * .github/workflows/e2e.yml: the properties it exists for. GitHub's parser, shellcheck and the pinning rules
 * are checked for every workflow in workflows.test.ts.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT, asObject, describeStep, jobsOf, loadWorkflows, stepsOf, usesOf, withOf, type JsonObject, type LoadedWorkflow } from "./workflow-helpers";

function e2eWorkflow(): LoadedWorkflow {
    const wf = loadWorkflows().find((w) => w.file === "e2e.yml");
    assert.ok(wf, ".github/workflows/e2e.yml is missing");
    return wf;
}

describe("e2e.yml", () => {
    const wf = e2eWorkflow();
    const steps = stepsOf(wf, "e2e");
    const runOf = (predicate: (s: JsonObject) => boolean) => steps.findIndex((r) => predicate(r.step));
    const runs = (text: string | RegExp) => (s: JsonObject) => (typeof text === "string" ? String(s["run"] ?? "").includes(text) : text.test(String(s["run"] ?? "")));

    it("runs on pull requests that touch the program or the e2e, nightly, and on demand", () => {
        const on = asObject(wf.doc["on"], "on");
        assert.deepEqual(Object.keys(on).sort(), ["pull_request", "schedule", "workflow_dispatch"]);
        const paths = asObject(on["pull_request"], "on.pull_request")["paths"] as string[];
        for (const p of ["components/**", "stacks/**", "versions/**", "app/**", "Pulumi*.yaml", "package*.json", "test/e2e/**", "scripts/**", ".github/workflows/e2e.yml"]) {
            assert.ok(paths.includes(p), `pull_request.paths lacks ${p}`);
        }
        assert.equal((on["schedule"] as JsonObject[]).length, 1);
    });

    it("only reads the repository and uses no secrets or cloud credentials (fork pull requests can run it)", () => {
        assert.deepEqual(wf.doc["permissions"], { contents: "read" });
        for (const [id, job] of Object.entries(jobsOf(wf))) assert.equal(job["permissions"], undefined, `jobs.${id} must not widen permissions`);
        assert.doesNotMatch(wf.text, /secrets\.|id-token|PULUMI_ACCESS_TOKEN|AZURE_|ARM_|azure\/login|pulumi\/auth-actions/);
    });

    it("is bounded in time, and the deploy step leaves room for the cleanup", () => {
        const job = jobsOf(wf)["e2e"];
        assert.ok(Number(job["timeout-minutes"]) <= 30);
        const deploy = steps[runOf(runs("npm run test:e2e"))].step;
        assert.ok(Number(deploy["timeout-minutes"]) < Number(job["timeout-minutes"]));
    });

    it("pins every action to a full commit SHA with its tag in a comment", () => {
        for (const { where, uses } of usesOf(wf)) assert.match(uses, /@[0-9a-f]{40}$/, where);
        const lines = wf.text.split("\n").filter((l) => /^\s*uses:/.test(l));
        for (const line of lines) assert.match(line, /@[0-9a-f]{40} # v\d+\.\d+\.\d+$/, line.trim());
    });

    it("installs kind, kubectl and the Pulumi CLI with the project's installer, from the one pin file dev-up.sh uses", () => {
        const install = String(steps[runOf(runs("scripts/install-tools.sh"))].step["run"]).trim();
        assert.equal(install, 'bash scripts/install-tools.sh "${RUNNER_TEMP}/bin" kind kubectl pulumi');
        assert.doesNotMatch(wf.text, /KIND_VERSION|KIND_SHA256|KUBECTL_VERSION/, "versions live in versions/pins.json only");
        const devUp = fs.readFileSync(path.join(REPO_ROOT, "scripts", "dev-up.sh"), "utf8");
        assert.match(devUp, /bash scripts\/install-tools\.sh "\$\{TOOLS_BIN\}"/);
        const installer = fs.readFileSync(path.join(REPO_ROOT, "scripts", "install-tools.sh"), "utf8");
        assert.match(installer, /^source scripts\/pins\.sh$/m);
        assert.match(fs.readFileSync(path.join(REPO_ROOT, "scripts", "pins.sh"), "utf8"), /versions\/pins\.json/);
        const sdk = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["@pulumi/pulumi"];
        assert.match(sdk, /^\d+\.\d+\.\d+$/, "the SDK must be pinned exactly, since the CLI version is read from it");
    });

    it("scheduled runs have their own concurrency group; only pull requests cancel an older run", () => {
        const concurrency = asObject(wf.doc["concurrency"], "concurrency");
        assert.equal(concurrency["group"], "e2e-${{ github.event_name == 'schedule' && 'schedule' || github.ref }}");
        assert.equal(concurrency["cancel-in-progress"], "${{ github.event_name == 'pull_request' }}");
    });

    it("uses a throwaway stack name, state folder and masked passphrase", () => {
        assert.match(String(asObject(jobsOf(wf)["e2e"]["env"], "jobs.e2e.env")["E2E_STACK"]), /^e2e-\$\{\{ github\.run_id \}\}-\$\{\{ github\.run_attempt \}\}$/);
        const setup = String(steps[runOf(runs("PULUMI_CONFIG_PASSPHRASE="))].step["run"]);
        assert.match(setup, /openssl rand/);
        assert.match(setup, /::add-mask::/);
    });

    it("runs the e2e after every tool is installed, then destroys in an always-run step, then uploads diagnostics on failure", () => {
        const e2e = runOf(runs("npm run test:e2e"));
        for (const before of ["npm ci", "scripts/install-tools.sh"]) {
            const at = runOf(runs(before));
            assert.ok(at >= 0 && at < e2e, `"${before}" must run before the e2e`);
        }
        const collect = runOf(runs("kind export logs"));
        const destroy = runOf(runs("pulumi destroy"));
        const cleanup = runOf(runs(/kind delete cluster --name "\$\{cluster\}"/));
        assert.ok(e2e < collect && collect < destroy && destroy < cleanup, "e2e -> collect diagnostics -> destroy -> delete the cluster");
        for (const at of [collect, destroy, cleanup]) assert.equal(steps[at].step["if"], "always()", `${describeStep(steps[at])} must run even when an earlier step fails`);
        assert.notEqual(cleanup, destroy, "the kind cleanup is its own step, so a failed destroy cannot skip it");

        const upload = steps.findIndex((r) => String(r.step["uses"] ?? "").startsWith("actions/upload-artifact@"));
        assert.ok(upload > e2e);
        assert.equal(steps[upload].step["if"], "failure()");
        assert.match(String(withOf(steps[upload].step)["path"]), /e2e-diagnostics$/);
        assert.match(String(steps[runOf(runs("E2E_DIAGNOSTICS_DIR="))].step["run"]), /E2E_DIAGNOSTICS_DIR=\$\{RUNNER_TEMP\}\/e2e-diagnostics/);
    });
});
