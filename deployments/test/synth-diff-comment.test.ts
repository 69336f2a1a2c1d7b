/**
 * Unit tests for .github/scripts/synth-diff-comment.cjs, the script the
 * privileged workflow_run job uses to post a fork PR's offline synth diff.
 * The GitHub API is a recording fake; nothing is sent anywhere.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./workflow-helpers";

interface StackDiff {
    stack: string;
    diff: string;
    failed: string[];
    truncatedAtRead: boolean;
}

interface Pull {
    number: number;
    head: { sha: string };
    base?: { ref: string };
}

interface Comment {
    id: number;
    body: string;
    user: { type: string };
}

interface CommentScript {
    (args: { github: FakeGitHub; context: FakeContext; core: FakeCore; dir: string }): Promise<void>;
    MARKER: string;
    MAX_BODY_CHARS: number;
    MAX_DIFF_BYTES: number;
    readPrefix(file: string, maxBytes: number): { text: string; truncated: boolean };
    readArtifact(dir: string, knownStacks: string[]): { stacks: StackDiff[]; ignored: number };
    readMeta(dir: string): { pr?: number; head?: string };
    fenceFor(text: string): string;
    buildCommentBody(stacks: StackDiff[], opts?: { headSha?: string; runUrl?: string; ignored?: number }): string;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require(path.join(REPO_ROOT, ".github", "scripts", "synth-diff-comment.cjs")) as CommentScript;

const HEAD_SHA = "0123456789abcdef0123456789abcdef01234567";

type Call = { method: string; params: Record<string, unknown> };

/** Root listing of the base branch: its stack files decide which stacks the comment shows. */
const BASE_ROOT = ["Pulumi.yaml", "Pulumi.dev.yaml", "Pulumi.staging.yaml", "Pulumi.prod.yaml", "README.md"].map((name) => ({ name, type: "file" }));
const KNOWN = ["dev", "prod", "staging"];

class FakeGitHub {
    calls: Call[] = [];
    constructor(
        private pulls: Pull[],
        private comments: Comment[],
        private root: Array<{ name: string; type: string }> = BASE_ROOT,
    ) {}
    rest = {
        pulls: { list: "pulls.list" },
        repos: {
            getContent: async (params: Record<string, unknown>) => {
                this.calls.push({ method: "repos.getContent", params });
                return { data: this.root };
            },
        },
        issues: {
            listComments: "issues.listComments",
            updateComment: async (params: Record<string, unknown>) => {
                this.calls.push({ method: "issues.updateComment", params });
                return { data: { id: params["comment_id"] } };
            },
            createComment: async (params: Record<string, unknown>) => {
                this.calls.push({ method: "issues.createComment", params });
                return { data: { id: 999 } };
            },
        },
    };
    async paginate(method: string, params: Record<string, unknown>): Promise<unknown[]> {
        this.calls.push({ method, params });
        if (method === "pulls.list") return this.pulls;
        if (method === "issues.listComments") return this.comments;
        throw new Error(`unexpected ${method}`);
    }
}

interface FakeContext {
    repo: { owner: string; repo: string };
    payload: { workflow_run: Record<string, unknown> };
}

class FakeCore {
    warnings: string[] = [];
    failures: string[] = [];
    infos: string[] = [];
    warning(m: string) {
        this.warnings.push(m);
    }
    setFailed(m: string) {
        this.failures.push(m);
    }
    info(m: string) {
        this.infos.push(m);
    }
}

function context(): FakeContext {
    return {
        repo: { owner: "acme-corp", repo: "k8s-platform" },
        payload: {
            workflow_run: {
                id: 77,
                head_sha: HEAD_SHA,
                head_branch: "fix-dns",
                html_url: "https://github.com/acme-corp/k8s-platform/actions/runs/77",
                head_repository: { full_name: "contributor/k8s-platform", owner: { login: "contributor" } },
            },
        },
    };
}

function sampleDiff(stack: string): string {
    return [
        `diff -ruN base/out/${stack}/resources.json head/out/${stack}/resources.json`,
        `--- base/out/${stack}/resources.json`,
        `+++ head/out/${stack}/resources.json`,
        "@@ -1 +1 @@",
        '-{"replicas": 2}',
        '+{"replicas": 3}',
        "",
    ].join("\n");
}

function artifactDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "synth-diff-"));
    for (const [name, content] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), content);
    }
    return dir;
}

describe("synth-diff-comment.cjs", () => {
    const dirs: string[] = [];
    const tracked = (files: Record<string, string>) => {
        const dir = artifactDir(files);
        dirs.push(dir);
        return dir;
    };
    after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

    it("reads only <stack>.diff / <stack>.failed regular files", () => {
        const dir = tracked({
            "prod.diff": sampleDiff("prod"),
            "dev.diff": "",
            "dev.failed": "base\n",
            "notes.txt": "ignored",
            "UPPER.diff": "ignored",
        });
        fs.mkdirSync(path.join(dir, "staging.diff"));
        fs.symlinkSync("/etc/hostname", path.join(dir, "link.diff"));
        const { stacks } = script.readArtifact(dir, KNOWN);
        assert.deepEqual(
            stacks.map((s) => [s.stack, s.failed, s.diff.length > 0]),
            [
                ["dev", ["base"], false],
                ["prod", [], true],
            ],
        );
    });

    it("uses a code fence longer than any backtick run in the diff", () => {
        assert.equal(script.fenceFor("plain"), "```");
        assert.equal(script.fenceFor("a ``` b ```` c"), "`````");
        const hostile = sampleDiff("prod") + "+```\n+</details>\n+@everyone [click](https://example.invalid)\n";
        const body = script.buildCommentBody([{ stack: "prod", diff: hostile, failed: [], truncatedAtRead: false }]);
        const fence = "````";
        assert.ok(body.includes(`${fence}diff\n`), "the diff is opened with a 4-backtick fence");
        const inside = body.slice(body.indexOf(`${fence}diff\n`) + fence.length + 5, body.lastIndexOf(`\n${fence}`));
        assert.ok(inside.includes("+```"), "the hostile fence stays inside the code block");
        assert.ok(inside.includes("+</details>"));
    });

    it("summarizes each stack and marks failed synths", () => {
        const body = script.buildCommentBody(
            [
                { stack: "dev", diff: "", failed: [], truncatedAtRead: false },
                { stack: "prod", diff: sampleDiff("prod"), failed: [], truncatedAtRead: false },
                { stack: "staging", diff: sampleDiff("staging"), failed: ["base"], truncatedAtRead: false },
            ],
            { headSha: HEAD_SHA, runUrl: "https://example.invalid/run" },
        );
        assert.ok(body.startsWith(script.MARKER));
        assert.match(body, /<summary><code>dev<\/code>: no changes<\/summary>/);
        assert.match(body, /<summary><code>prod<\/code>: 1 file changed<\/summary>/);
        assert.match(body, /synth failed on base; compared against an empty tree/);
        assert.match(body, new RegExp(`Head commit: \`${HEAD_SHA}\``));
    });

    it("stays under GitHub's comment size limit for huge diffs", () => {
        const huge = sampleDiff("prod") + "+x".repeat(200_000);
        const body = script.buildCommentBody(
            ["dev", "staging", "prod"].map((stack) => ({ stack, diff: huge, failed: [], truncatedAtRead: false })),
        );
        assert.ok(body.length <= script.MAX_BODY_CHARS, `body has ${body.length} characters`);
        assert.ok(body.length < 65536);
        assert.equal((body.match(/diff truncated/g) ?? []).length, 3);
    });

    it("says that the comment's content came from the pull request's code", () => {
        const body = script.buildCommentBody([{ stack: "prod", diff: sampleDiff("prod"), failed: [], truncatedAtRead: false }]);
        assert.match(body, /Everything below was produced by running this pull request's code/);
        assert.ok(body.indexOf("produced by running") < body.indexOf("<details>"), "the warning comes before any content");
    });

    it("shows only stacks of the base branch: a made-up stack name is ignored, not echoed", () => {
        const dir = tracked({
            "prod.diff": sampleDiff("prod"),
            "prod-approved-by-security-team.diff": sampleDiff("prod-approved-by-security-team"),
            "prod-approved-by-security-team.failed": "base\n",
        });
        const { stacks, ignored } = script.readArtifact(dir, KNOWN);
        assert.deepEqual(stacks.map((s) => s.stack), ["prod"]);
        assert.equal(ignored, 2);
        const body = script.buildCommentBody(stacks, { ignored });
        assert.doesNotMatch(body, /security-team/);
        assert.match(body, /Ignored 2 artifact files not named after a stack of the base branch/);
    });

    it("end to end: the known stacks are the base branch's root Pulumi.<stack>.yaml files", async () => {
        const dir = tracked({ "prod.diff": sampleDiff("prod"), "qa.diff": sampleDiff("qa") });
        const root = [...BASE_ROOT, { name: "Pulumi.qa.yaml", type: "dir" }, { name: "Pulumi.Bad.yaml", type: "file" }];
        const github = new FakeGitHub([{ number: 12, head: { sha: HEAD_SHA }, base: { ref: "release" } }], [], root);
        await script({ github, context: context(), core: new FakeCore(), dir });
        const body = String(github.calls.find((c) => c.method === "issues.createComment")?.params["body"]);
        assert.match(body, /<code>prod<\/code>: 1 file changed/);
        assert.doesNotMatch(body, /<code>qa<\/code>/, "qa has no stack file on the base branch (a directory does not count)");
        assert.equal(github.calls.find((c) => c.method === "repos.getContent")?.params["ref"], "release");
    });

    it("200 diff files: stays under GitHub's 65,536-character limit with a truncation note", () => {
        // 200 changed files in one stack's diff, and 200 stacks' sections: both cut to fit.
        const files = Array.from({ length: 200 }, (_, i) => sampleDiff("prod").replace(/resources\.json/g, `file-${i}.yaml`) + "+" + "y".repeat(1000) + "\n").join("");
        const one = script.buildCommentBody([{ stack: "prod", diff: files, failed: [], truncatedAtRead: false }]);
        assert.ok(one.length <= script.MAX_BODY_CHARS && one.length < 65536, `body has ${one.length} characters`);
        assert.match(one, /diff truncated; download the `synth-diff` artifact/);
        assert.match(one, /<code>prod<\/code>: 200 files changed/);

        const many = Array.from({ length: 200 }, (_, i) => ({ stack: `s${String(i).padStart(3, "0")}`, diff: files, failed: [], truncatedAtRead: false }));
        const body = script.buildCommentBody(many);
        assert.ok(body.length <= script.MAX_BODY_CHARS && body.length < 65536, `body has ${body.length} characters`);
        // Every stack is accounted for: its summary line, or the count of stacks not shown.
        const shown = (body.match(/<summary><code>s\d{3}<\/code>: 200 files changed<\/summary>/g) ?? []).length;
        const notShown = Number(/(\d+) more stacks? not shown/.exec(body)?.[1] ?? 0);
        assert.equal(shown + notShown, 200);
        assert.match(body, /diff not shown: the comment is at its size limit/);
        const fences = body.match(/^`{3,}/gm) ?? [];
        assert.equal(fences.length % 2, 0, "every code block that was opened is closed");
    });

    it("200 diff files in the artifact: reads only the known stacks", () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < 200; i += 1) files[`stack-${i}.diff`] = sampleDiff(`stack-${i}`);
        files["staging.diff"] = sampleDiff("staging");
        const { stacks, ignored } = script.readArtifact(tracked(files), KNOWN);
        assert.deepEqual(stacks.map((s) => s.stack), ["staging"]);
        assert.equal(ignored, 200);
    });

    it("a 300 MB file: reads a bounded prefix, memory stays bounded", () => {
        const dir = tracked({});
        const size = 300 * 1024 * 1024;
        for (const name of ["prod.diff", "prod.failed", "meta.json"]) {
            // Sparse: 300 MB long, no disk blocks written.
            const file = path.join(dir, name);
            fs.writeFileSync(file, name === "prod.diff" ? sampleDiff("prod") : name === "meta.json" ? '{"pr":12' : "base ");
            fs.truncateSync(file, size);
            assert.equal(fs.statSync(file).size, size);
        }
        global.gc?.();
        const before = process.memoryUsage();
        const { stacks } = script.readArtifact(dir, KNOWN);
        const meta = script.readMeta(dir);
        const after = process.memoryUsage();
        const grownMiB = (after.arrayBuffers - before.arrayBuffers + Math.max(0, after.heapUsed - before.heapUsed)) / 1024 / 1024;
        assert.ok(grownMiB < 16, `reading 3 x 300 MB grew memory by ${grownMiB.toFixed(1)} MiB`);
        assert.equal(stacks[0].truncatedAtRead, true);
        assert.ok(stacks[0].diff.length <= script.MAX_DIFF_BYTES);
        assert.deepEqual(stacks[0].failed, ["base"]);
        assert.deepEqual(meta, {}, "an oversized meta.json is not parsed");
        const body = script.buildCommentBody(stacks);
        assert.ok(body.length <= script.MAX_BODY_CHARS);
        assert.match(body, /<code>prod<\/code>: at least 1 file changed/);
        assert.doesNotMatch(body, /\u0000/, "the sparse file's NUL bytes are not posted");
        assert.match(body, /diff truncated/);
    });

    it("readPrefix reads exactly the prefix and says whether there was more", () => {
        const dir = tracked({ "a.txt": "abcdef" });
        assert.deepEqual(script.readPrefix(path.join(dir, "a.txt"), 3), { text: "abc", truncated: true });
        assert.deepEqual(script.readPrefix(path.join(dir, "a.txt"), 6), { text: "abcdef", truncated: false });
    });

    it("creates a comment on the PR found from the run's head repository, branch and SHA", async () => {
        const dir = tracked({ "prod.diff": sampleDiff("prod"), "meta.json": JSON.stringify({ pr: 12, head: HEAD_SHA }) });
        const github = new FakeGitHub(
            [
                { number: 11, head: { sha: "f".repeat(40) } },
                { number: 12, head: { sha: HEAD_SHA }, base: { ref: "main" } },
            ],
            [],
        );
        const core = new FakeCore();
        await script({ github, context: context(), core, dir });
        assert.deepEqual(github.calls[0], {
            method: "pulls.list",
            params: { owner: "acme-corp", repo: "k8s-platform", state: "open", head: "contributor:fix-dns", per_page: 100 },
        });
        const create = github.calls.find((c) => c.method === "issues.createComment");
        assert.ok(create);
        assert.equal(create.params["issue_number"], 12);
        assert.deepEqual(
            github.calls.find((c) => c.method === "repos.getContent")?.params,
            { owner: "acme-corp", repo: "k8s-platform", path: "", ref: "main" },
            "known stacks come from the PR's base branch",
        );
        assert.match(String(create.params["body"]), /<code>prod<\/code>: 1 file changed/);
        assert.deepEqual(core.failures, []);
    });

    it("updates its own earlier comment instead of adding another", async () => {
        const dir = tracked({ "prod.diff": sampleDiff("prod") });
        const github = new FakeGitHub(
            [{ number: 12, head: { sha: HEAD_SHA }, base: { ref: "main" } }],
            [
                { id: 5, body: `${script.MARKER}\nold`, user: { type: "User" } }, // a human quoting the marker
                { id: 6, body: `${script.MARKER}\nold`, user: { type: "Bot" } },
            ],
        );
        await script({ github, context: context(), core: new FakeCore(), dir });
        const update = github.calls.find((c) => c.method === "issues.updateComment");
        assert.ok(update);
        assert.equal(update.params["comment_id"], 6);
        assert.equal(github.calls.filter((c) => c.method === "issues.createComment").length, 0);
    });

    it("refuses to comment when the artifact names a different PR", async () => {
        const dir = tracked({ "prod.diff": sampleDiff("prod"), "meta.json": JSON.stringify({ pr: 1, head: HEAD_SHA }) });
        const github = new FakeGitHub([{ number: 12, head: { sha: HEAD_SHA }, base: { ref: "main" } }], []);
        const core = new FakeCore();
        await script({ github, context: context(), core, dir });
        assert.equal(core.failures.length, 1);
        assert.match(core.failures[0], /Artifact says PR #1 but the triggering run belongs to PR #12/);
        assert.equal(github.calls.filter((c) => c.method.startsWith("issues.")).length, 0);
    });

    it("does nothing when no open PR has the run's head SHA", async () => {
        const dir = tracked({ "prod.diff": sampleDiff("prod") });
        const github = new FakeGitHub([{ number: 12, head: { sha: "e".repeat(40) } }], []);
        const core = new FakeCore();
        await script({ github, context: context(), core, dir });
        assert.equal(core.warnings.length, 1);
        assert.equal(github.calls.filter((c) => c.method.startsWith("issues.")).length, 0);
    });
});
