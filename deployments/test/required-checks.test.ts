/**
 * The checks the rulesets require, played through GitHub's scheduling of preview.yml
 * (test/workflow-run.ts): which jobs run for each kind of pull request, and whether
 * `pulumi preview (staging)` / `pulumi preview (prod)` pass. The required-check jobs really run
 * (.github/scripts/required-preview.sh through bash); the preview jobs' outcomes are given.
 */
import * as assert from "node:assert/strict";
import { jobsOf, loadWorkflows } from "./workflow-helpers";
import { JobResult, PullRequestEvent, simulatePullRequestRun } from "./workflow-run";

const preview = loadWorkflows().find((w) => w.file === "preview.yml")!;
const REPO = "acme-corp/k8s-platform";
const GATES = ["required-staging", "required-prod"];

const branchPr: PullRequestEvent = { repository: REPO, headRepository: REPO, baseRef: "main", headRef: "feature/x", author: "alice", actor: "alice" };
const dependabotPr: PullRequestEvent = { ...branchPr, headRef: "dependabot/npm_and_yarn/yaml-2.9.2", author: "dependabot[bot]", actor: "dependabot[bot]" };
const forkPr: PullRequestEvent = { ...branchPr, headRepository: "mallory/k8s-platform", author: "mallory", actor: "mallory" };
const promotionPr: PullRequestEvent = { ...branchPr, baseRef: "release", headRef: "main" };

function run(event: PullRequestEvent, outcomes: Record<string, JobResult> = {}): Promise<Record<string, JobResult>> {
    return simulatePullRequestRun(preview, event, { outcomes, execute: GATES });
}

describe("preview.yml: the required checks", () => {
    it("carry the names the rulesets require, and need no credential", () => {
        const jobs = jobsOf(preview);
        assert.equal(jobs["required-staging"]["name"], "pulumi preview (staging)");
        assert.equal(jobs["required-prod"]["name"], "pulumi preview (prod)");
        for (const id of GATES) {
            assert.deepEqual(jobs[id]["permissions"], { contents: "read" });
            assert.doesNotMatch(JSON.stringify(jobs[id]), /id-token|secrets\.|pulumi\//);
        }
        const names = Object.values(jobs).map((j) => j["name"]);
        assert.equal(names.filter((n) => n === "pulumi preview (staging)").length, 1, "one job per required check name");
        assert.equal(names.filter((n) => n === "pulumi preview (prod)").length, 1);
    });

    it("a Dependabot PR skips the credentialed preview, runs the offline synth diff and passes the required check", async () => {
        const results = await run(dependabotPr);
        assert.equal(results["preview-staging"], "skipped", "Dependabot gets no OIDC token, so the live preview does not start");
        assert.equal(results["synth-diff"], "success");
        assert.equal(results["required-staging"], "success");
        assert.equal(results["required-prod"], "skipped", "not a PR into release");
    });

    it("a re-run of a Dependabot PR by a maintainer is still treated as Dependabot's (no OIDC token either)", async () => {
        const results = await run({ ...dependabotPr, actor: "alice" });
        assert.equal(results["preview-staging"], "skipped");
        assert.equal(results["required-staging"], "success");
    });

    it("a Dependabot PR whose offline synth fails fails the required check", async () => {
        const results = await run(dependabotPr, { "synth-diff": "failure" });
        assert.equal(results["required-staging"], "failure");
    });

    it("a branch PR needs its live preview: passed -> pass, failed -> fail; the synth diff does not stand in", async () => {
        const passed = await run(branchPr);
        assert.equal(passed["preview-staging"], "success");
        assert.equal(passed["synth-diff"], "skipped");
        assert.equal(passed["required-staging"], "success");
        assert.equal((await run(branchPr, { "preview-staging": "failure" }))["required-staging"], "failure");
        assert.equal((await run(branchPr, { "preview-staging": "cancelled" }))["required-staging"], "failure");
    });

    it("a fork PR passes only through the offline synth diff", async () => {
        const results = await run(forkPr);
        assert.equal(results["preview-staging"], "skipped");
        assert.equal(results["required-staging"], "success");
        assert.equal((await run(forkPr, { "synth-diff": "failure" }))["required-staging"], "failure");
    });

    it("the promotion PR's prod check passes only when the live prod preview passed", async () => {
        const results = await run(promotionPr);
        assert.equal(results["preview-prod"], "success");
        assert.equal(results["required-prod"], "success");
        assert.equal((await run(promotionPr, { "preview-prod": "failure" }))["required-prod"], "failure");
        assert.equal((await run(promotionPr, { "preview-prod": "skipped" }))["required-prod"], "failure", "a skipped preview is not a pass");
    });
});
