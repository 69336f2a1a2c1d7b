/**
 * Validates ../.github/workflows/*.yml:
 *  - GitHub's own parser (@actions/workflow-parser) reports zero errors;
 *  - every action is pinned to a major tag (vN) or a full commit SHA and is on the reviewed allow-list;
 *  - every run: block passes shellcheck and interpolates no ${{ }} expression directly;
 *  - the security and delivery properties each workflow exists for.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import {
    Json,
    JsonObject,
    LoadedWorkflow,
    REPO_ROOT,
    asObject,
    describeStep,
    findStep,
    jobsOf,
    loadWorkflows,
    replaceExpressions,
    shellcheckRunBlocks,
    shellcheckVersion,
    stepsOf,
    toShellScript,
    usesOf,
    validateWorkflow,
    withOf,
} from "./workflow-helpers";

const workflows = loadWorkflows();

function workflow(file: string): LoadedWorkflow {
    const wf = workflows.find((w) => w.file === file);
    assert.ok(wf, `.github/workflows/${file} is missing`);
    return wf;
}

function runBlocks(wf: LoadedWorkflow, jobId?: string): Array<{ where: string; run: string }> {
    return stepsOf(wf, jobId)
        .filter((r) => r.step["run"] !== undefined)
        .map((r) => ({ where: describeStep(r), run: String(r.step["run"]) }));
}

function triggers(wf: LoadedWorkflow): JsonObject {
    const on = wf.doc["on"];
    if (typeof on === "string") return { [on]: null };
    if (Array.isArray(on)) return Object.fromEntries(on.map((e) => [String(e), null]));
    return asObject(on, `${wf.file}: on`);
}

function permissionsOf(value: Json | undefined): JsonObject | string | undefined {
    if (value === undefined) return undefined;
    if (typeof value === "string") return value;
    return asObject(value, "permissions");
}

/**
 * Third-party actions this repository has reviewed, with the major version in use.
 * Adding an action, or moving to a new major, is a deliberate change to this list.
 */
const REVIEWED_ACTIONS: Record<string, number> = {
    "actions/checkout": 7,
    "actions/setup-node": 7,
    "actions/upload-artifact": 7,
    "actions/download-artifact": 8,
    "actions/github-script": 8,
    "actions/attest": 4,
    "docker/setup-buildx-action": 4,
    "docker/login-action": 4,
    "docker/metadata-action": 6,
    "docker/build-push-action": 7,
    "pulumi/auth-actions": 2,
    "pulumi/actions": 7,
};

describe("GitHub workflows", () => {
    it("has the four delivery workflows", () => {
        assert.deepEqual(
            workflows.map((w) => w.file),
            ["app-image.yml", "ci.yml", "preview-comment.yml", "preview.yml"],
        );
    });

    describe("GitHub's workflow parser (@actions/workflow-parser)", () => {
        it("rejects a broken workflow (the validator is really running)", async () => {
            const broken = [
                "on: push",
                "permissions:",
                "  contents: banana",
                "jobs:",
                "  build:",
                "    runs-on: ubuntu-latest",
                "    stepz:",
                "      - run: echo ${{ github.sha ",
            ].join("\n");
            const errors = await validateWorkflow("broken.yml", broken);
            assert.equal(errors.length, 2, JSON.stringify(errors));
            assert.match(errors[0], /Line: 3.*Unexpected value 'banana'/);
            assert.match(errors[1], /Line: 7.*Unexpected value 'stepz'/);
        });

        it("rejects unknown expression contexts", async () => {
            const workflowText = [
                "on: pull_request",
                "permissions: {}",
                "jobs:",
                "  build:",
                "    runs-on: ubuntu-latest",
                "    if: ${{ github.event_name == 'push' && secretz.TOKEN }}",
                "    steps:",
                "      - run: echo ok",
            ].join("\n");
            const errors = await validateWorkflow("contexts.yml", workflowText);
            assert.equal(errors.length, 1, JSON.stringify(errors));
            assert.match(errors[0], /Unrecognized named-value: 'secretz'/);
        });

        for (const wf of workflows) {
            it(`${wf.file} has zero errors`, async () => {
                const errors = await validateWorkflow(wf.file, wf.text);
                assert.deepEqual(errors, [], `${wf.file}:\n${errors.join("\n")}`);
            });
        }
    });

    describe("action pinning", () => {
        for (const wf of workflows) {
            it(`${wf.file}: every uses: is pinned to a major tag or a full commit SHA`, () => {
                const uses = usesOf(wf);
                assert.ok(uses.length > 0, `${wf.file} uses no actions`);
                for (const { where, uses: ref } of uses) {
                    assert.match(
                        ref,
                        /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+@(v\d+|[0-9a-f]{40})$/,
                        `${where}: "${ref}" must be pinned to a major version tag (@v5) or a 40-character commit SHA, never a branch`,
                    );
                }
            });

            it(`${wf.file}: only reviewed actions, at the reviewed major`, () => {
                for (const { where, uses: ref } of usesOf(wf)) {
                    const [action, version] = ref.split("@");
                    assert.ok(action in REVIEWED_ACTIONS, `${where}: ${action} is not on the reviewed list in test/workflows.test.ts`);
                    if (version.startsWith("v")) {
                        assert.equal(Number(version.slice(1)), REVIEWED_ACTIONS[action], `${where}: ${ref} is not the reviewed major`);
                    }
                }
            });
        }
    });

    describe("run: blocks", () => {
        const version = shellcheckVersion();

        it("shellcheck is installed (Debian/Ubuntu: apt-get install shellcheck)", () => {
            assert.ok(
                version,
                "shellcheck was not found on PATH. Install it (Debian/Ubuntu: `apt-get install -y shellcheck`) so the workflow run: blocks can be linted.",
            );
        });

        it("replaces ${{ }} expressions with a placeholder before linting", () => {
            assert.equal(replaceExpressions('echo "${{ github.sha }}" ${{ matrix.x }}'), 'echo "${GITHUB_EXPRESSION}" ${GITHUB_EXPRESSION}');
            assert.match(toShellScript("echo ${{ github.sha }}"), /^#!\/usr\/bin\/env bash\n/);
        });

        it("shellcheck flags a bad script (the linter is really running)", function () {
            if (!version) this.skip();
            const findings = shellcheckRunBlocks([{ where: "control", run: "for f in $(ls *.txt); do echo $f; done\n" }]);
            assert.equal(findings.length, 1);
            assert.match(findings[0].output, /SC2045|SC2086/);
        });

        for (const wf of workflows) {
            it(`${wf.file}: every run: block passes shellcheck`, function () {
                assert.ok(version, "shellcheck is required: apt-get install -y shellcheck");
                const findings = shellcheckRunBlocks(runBlocks(wf));
                assert.deepEqual(
                    findings.map((f) => f.where),
                    [],
                    findings.map((f) => `${f.where}:\n${f.output}`).join("\n\n"),
                );
            });

            it(`${wf.file}: no run: block interpolates a \${{ }} expression (pass values through env:)`, () => {
                for (const { where, run } of runBlocks(wf)) {
                    assert.doesNotMatch(run, /\$\{\{/, `${where}: use env: instead of \${{ }} inside run: (script injection)`);
                }
            });
        }
    });

    describe("least privilege", () => {
        for (const wf of workflows) {
            it(`${wf.file}: declares workflow-level permissions and never write-all`, () => {
                assert.ok(wf.doc["permissions"] !== undefined, `${wf.file}: top-level permissions: is missing`);
                assert.doesNotMatch(wf.text, /write-all/, `${wf.file}: write-all is not allowed`);
            });

            it(`${wf.file}: does not use pull_request_target`, () => {
                assert.ok(!("pull_request_target" in triggers(wf)), `${wf.file}: pull_request_target runs PR code with a write token`);
            });

            it(`${wf.file}: checkouts do not persist the token`, () => {
                for (const ref of stepsOf(wf)) {
                    if (String(ref.step["uses"] ?? "").startsWith("actions/checkout@")) {
                        assert.equal(withOf(ref.step)["persist-credentials"], false, `${describeStep(ref)}: set persist-credentials: false`);
                    }
                }
            });
        }
    });

    describe("ci.yml", () => {
        const wf = workflow("ci.yml");

        it("runs on push and pull_request with read-only contents and one run per ref", () => {
            const on = triggers(wf);
            assert.ok("push" in on && "pull_request" in on);
            assert.deepEqual(permissionsOf(wf.doc["permissions"]), { contents: "read" });
            const concurrency = asObject(wf.doc["concurrency"], "concurrency");
            assert.match(String(concurrency["group"]), /\$\{\{\s*github\.ref\s*\}\}/);
            assert.equal(concurrency["cancel-in-progress"], true);
            for (const [id, job] of Object.entries(jobsOf(wf))) {
                assert.equal(job["permissions"], undefined, `jobs.${id} must not widen the workflow permissions`);
            }
        });

        it("uses Node 22 with the npm cache", () => {
            const setup = withOf(findStep(wf, "test", "actions/setup-node"));
            assert.equal(String(setup["node-version"]), "22");
            assert.equal(setup["cache"], "npm");
        });

        it("installs, lints, type-checks, tests and checks render freshness, in that order", () => {
            const script = runBlocks(wf, "test")
                .map((r) => r.run)
                .join("\n");
            const order = ["npm ci", "npm run lint", "npm run typecheck", "npm run test:suites", "npm run render", "git diff --exit-code -- deploy/"];
            let last = -1;
            for (const command of order) {
                const at = script.indexOf(command);
                assert.ok(at > last, `"${command}" must appear after the previous step (found at ${at}, previous at ${last})`);
                last = at;
            }
            // The suites step is the rest of the root `npm test` (scripts/test.cjs: lint, typecheck, then these suites).
            const rootScripts = (JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
            assert.equal(rootScripts.test, "node scripts/preflight.cjs && node scripts/test.cjs");
            assert.equal(rootScripts["test:suites"], "node scripts/test.cjs unit app deployments");
        });
    });

    describe("app-image.yml", () => {
        const wf = workflow("app-image.yml");
        const jobs = jobsOf(wf);

        it("publishes on main and v* tags and builds pull requests", () => {
            const on = triggers(wf);
            const push = asObject(on["push"], "on.push");
            assert.deepEqual(push["branches"], ["main"]);
            assert.deepEqual(push["tags"], ["v*"]);
            assert.ok("pull_request" in on);
            assert.deepEqual(permissionsOf(wf.doc["permissions"]), {});
        });

        it("never pushes, and cannot push, on pull_request", () => {
            const build = jobs["build"];
            assert.match(String(build["if"]), /github\.event_name == 'pull_request'/);
            assert.deepEqual(permissionsOf(build["permissions"]), { contents: "read" });
            const bp = withOf(findStep(wf, "build", "docker/build-push-action"));
            assert.equal(bp["push"], false);
            assert.equal(bp["cache-to"], undefined, "PR builds must not write the shared build cache");
            for (const action of ["docker/login-action", "actions/attest"]) {
                assert.equal(
                    stepsOf(wf, "build").filter((r) => String(r.step["uses"] ?? "").startsWith(`${action}@`)).length,
                    0,
                    `the PR build job must not use ${action}`,
                );
            }
        });

        it("publishes only on push, with exactly the permissions it needs", () => {
            const publish = jobs["publish"];
            assert.match(String(publish["if"]), /github\.event_name == 'push'/);
            assert.deepEqual(permissionsOf(publish["permissions"]), {
                contents: "read",
                packages: "write",
                "id-token": "write",
                attestations: "write",
            });
        });

        for (const job of ["build", "publish"]) {
            it(`${job}: builds app/ with app/Dockerfile, max provenance and an SBOM`, () => {
                const bp = withOf(findStep(wf, job, "docker/build-push-action"));
                assert.equal(bp["context"], "app");
                assert.equal(bp["file"], "app/Dockerfile");
                assert.equal(bp["provenance"], "mode=max");
                assert.equal(bp["sbom"], true);
                assert.equal(bp["tags"], "${{ steps.meta.outputs.tags }}");
                findStep(wf, job, "docker/setup-buildx-action");
            });
        }

        it("pushes ghcr.io/<owner>/<repo>/app tagged with the commit SHA and the release version", () => {
            const nameStep = stepsOf(wf, "publish").find((r) => r.step["id"] === "image");
            assert.ok(nameStep);
            assert.match(String(nameStep.step["run"]), /ghcr\.io\/\$\{REPOSITORY,,\}\/app/);
            assert.equal(asObject(nameStep.step["env"], "env")["REPOSITORY"], "${{ github.repository }}");

            const meta = withOf(findStep(wf, "publish", "docker/metadata-action"));
            assert.equal(meta["images"], "${{ steps.image.outputs.name }}");
            const tags = String(meta["tags"]);
            assert.match(tags, /type=sha,format=long/);
            assert.match(tags, /type=semver,pattern=\{\{version\}\}/);

            const login = withOf(findStep(wf, "publish", "docker/login-action"));
            assert.equal(login["registry"], "ghcr.io");
            assert.equal(login["password"], "${{ secrets.GITHUB_TOKEN }}");

            const bp = withOf(findStep(wf, "publish", "docker/build-push-action"));
            assert.equal(bp["push"], true);

            const attest = withOf(findStep(wf, "publish", "actions/attest"));
            assert.equal(attest["subject-digest"], "${{ steps.push.outputs.digest }}");
            assert.equal(attest["push-to-registry"], true);
        });
    });

    describe("preview.yml", () => {
        const wf = workflow("preview.yml");
        const jobs = jobsOf(wf);

        it("runs on pull_request only, one run per PR", () => {
            assert.deepEqual(Object.keys(triggers(wf)), ["pull_request"]);
            assert.deepEqual(permissionsOf(wf.doc["permissions"]), {});
            const concurrency = asObject(wf.doc["concurrency"], "concurrency");
            assert.match(String(concurrency["group"]), /github\.event\.pull_request\.number/);
            assert.equal(concurrency["cancel-in-progress"], true);
        });

        it("previews staging and prod for same-repository PRs only", () => {
            const preview = jobs["preview"];
            assert.equal(preview["if"], "github.event.pull_request.head.repo.full_name == github.repository");
            const matrix = asObject(asObject(preview["strategy"], "strategy")["matrix"], "matrix");
            assert.deepEqual(matrix["stack"], ["staging", "prod"]);
            assert.deepEqual(permissionsOf(preview["permissions"]), {
                "id-token": "write",
                contents: "read",
                "pull-requests": "write",
            });
        });

        it("logs in to Pulumi Cloud with an OIDC organization token, not a stored token", () => {
            const auth = withOf(findStep(wf, "preview", "pulumi/auth-actions"));
            assert.equal(auth["requested-token-type"], "urn:pulumi:token-type:access_token:organization");
            assert.equal(auth["organization"], "${{ vars.PULUMI_ORG }}");
            assert.doesNotMatch(JSON.stringify(wf.doc), /PULUMI_ACCESS_TOKEN|secrets\./, "no Pulumi or cloud secrets are read from GitHub");
        });

        it("runs pulumi preview with a PR comment and the policy pack, for each stack", () => {
            const step = findStep(wf, "preview", "pulumi/actions");
            const inputs = withOf(step);
            assert.equal(inputs["command"], "preview");
            assert.equal(inputs["comment-on-pr"], true);
            assert.match(String(inputs["policyPacks"]), /(^|\/)policy$/);
            assert.equal(inputs["stack-name"], "${{ vars.PULUMI_ORG }}/platform/${{ matrix.stack }}");

            const steps = stepsOf(wf, "preview");
            const position = (predicate: (s: JsonObject) => boolean) => steps.findIndex((r) => predicate(r.step));
            const policyInstall = position((s) => /npm ci --prefix policy/.test(String(s["run"] ?? "")));
            const auth = position((s) => String(s["uses"] ?? "").startsWith("pulumi/auth-actions@"));
            const preview = position((s) => s === step);
            assert.ok(policyInstall >= 0 && policyInstall < preview, "the policy pack is installed before the preview");
            assert.ok(auth >= 0 && auth < preview, "the OIDC login happens before the preview");
        });

        it("handles fork PRs in a read-only job that synthesizes base and head and uploads the diff", () => {
            const job = jobs["synth-diff"];
            assert.equal(job["if"], "github.event.pull_request.head.repo.full_name != github.repository");
            assert.deepEqual(permissionsOf(job["permissions"]), { contents: "read" });

            const checkouts = stepsOf(wf, "synth-diff").filter((r) => String(r.step["uses"] ?? "").startsWith("actions/checkout@"));
            assert.deepEqual(
                checkouts.map((r) => withOf(r.step)["ref"]),
                ["${{ github.event.pull_request.base.sha }}", "${{ github.event.pull_request.head.sha }}"],
            );

            const script = runBlocks(wf, "synth-diff")
                .map((r) => r.run)
                .join("\n");
            assert.match(script, /stacks=\(dev staging prod\)/);
            assert.match(script, /npm run synth -- --stack "\$stack"/);
            assert.match(script, /diff -ruN "base\/out\/\$stack" "head\/out\/\$stack"/);

            const upload = withOf(findStep(wf, "synth-diff", "actions/upload-artifact"));
            assert.equal(upload["name"], "synth-diff");
            for (const ref of stepsOf(wf, "synth-diff")) {
                assert.ok(!String(ref.step["uses"] ?? "").startsWith("pulumi/"), `${describeStep(ref)}: fork job must not talk to Pulumi Cloud`);
            }
        });
    });

    describe("preview-comment.yml", () => {
        const wf = workflow("preview-comment.yml");
        const preview = workflow("preview.yml");

        it("runs after the Preview workflow via workflow_run", () => {
            const on = triggers(wf);
            assert.deepEqual(Object.keys(on), ["workflow_run"]);
            const run = asObject(on["workflow_run"], "on.workflow_run");
            assert.deepEqual(run["workflows"], [preview.doc["name"]]);
            assert.deepEqual(run["types"], ["completed"]);
        });

        it("only comments for successful fork pull_request runs, with comment-only permissions", () => {
            const job = jobsOf(wf)["comment"];
            const condition = String(job["if"]);
            assert.match(condition, /github\.event\.workflow_run\.event == 'pull_request'/);
            assert.match(condition, /github\.event\.workflow_run\.conclusion == 'success'/);
            assert.match(condition, /github\.event\.workflow_run\.head_repository\.full_name != github\.repository/);
            assert.deepEqual(permissionsOf(job["permissions"]), { actions: "read", contents: "read", "pull-requests": "write" });
        });

        it("never checks out or runs PR code", () => {
            assert.equal(runBlocks(wf).length, 0, "no shell steps in the privileged workflow");
            const checkout = withOf(findStep(wf, "comment", "actions/checkout"));
            assert.equal(checkout["ref"], undefined, "checkout must stay on the default branch");
            assert.equal(checkout["repository"], undefined, "checkout must stay on this repository");
            assert.equal(checkout["sparse-checkout"], ".github/scripts");

            const download = withOf(findStep(wf, "comment", "actions/download-artifact"));
            assert.equal(download["name"], "synth-diff");
            assert.equal(download["run-id"], "${{ github.event.workflow_run.id }}");

            const script = String(withOf(findStep(wf, "comment", "actions/github-script"))["script"]);
            const required = /require\(`\$\{process\.env\.GITHUB_WORKSPACE\}\/(\.github\/scripts\/[^`]+)`\)/.exec(script);
            assert.ok(required, "github-script must load the comment script from the checked-out default branch");
            assert.ok(fs.existsSync(path.join(REPO_ROOT, required[1])), `${required[1]} does not exist`);
        });
    });
});
