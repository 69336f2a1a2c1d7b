// `npm run synth -- --diff <ref>`: a git ref against the working tree, through the same engine and writer.
import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { UserError } from "../../synth";
import { synthDiff } from "../../synth";
import { runTsCli, scratchCopy } from "../support/scratch";

function gitRepo(root: string): void {
    const git = (...args: string[]) => execFileSync("git", ["-C", root, "-c", "user.email=synth@example.invalid", "-c", "user.name=synth", ...args], { stdio: "ignore" });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "base");
}

describe("synth --diff <ref>", function () {
    let root: string;
    before(() => {
        root = scratchCopy("synth-diff-");
        gitRepo(root);
        // A change a reviewer must see: dev's autoscaler ceiling.
        fs.writeFileSync(path.join(root, "Pulumi.dev.yaml"), "config:\n  platform:app:\n    maxReplicas: 3\n");
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it("shows exactly what the working tree changes against the ref, as a unified diff of out/", async () => {
        const log: string[] = [];
        const result = await synthDiff("HEAD", ["dev"], (line) => log.push(line), root);
        assert.deepEqual(result.stacks, ["dev"]);
        // The autoscaler ceiling and the quota sized from it change; nothing else (no machine paths, no noise).
        const files = [...result.diff.matchAll(/^diff -ruN HEAD\/(\S+) working-tree\/(\S+)$/gm)].map((match) => (assert.equal(match[1], match[2]), match[1]));
        assert.deepEqual(files, ["dev/kubernetes/HorizontalPodAutoscaler_app-horizontalpodautoscaler-greeter.yaml", "dev/kubernetes/ResourceQuota_app-resourcequota.yaml"]);
        assert.match(result.diff, /^- {2}maxReplicas: 2\n\+ {2}maxReplicas: 3$/m);
        assert.ok(log.some((line) => line.includes("HEAD dev:")) && log.some((line) => line.includes("working-tree dev:")));
    });

    it("an unchanged stack gives an empty diff; an unknown ref is a user error naming it", async () => {
        assert.equal((await synthDiff("HEAD", ["prod"], () => undefined, root)).diff, "");
        await assert.rejects(synthDiff("no-such-branch", ["dev"], () => undefined, root), (error: unknown) => error instanceof UserError && /--diff "no-such-branch": not a commit/.test(error.message));
    });

    it("the CLI prints the diff on stdout and progress on stderr", () => {
        const run = runTsCli(root, "synth/cli.ts", ["--diff", "HEAD", "--stack", "dev"]);
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /^\+ {2}maxReplicas: 3$/m);
        assert.doesNotMatch(run.stdout, /synth --diff:/);
        assert.match(run.stderr, /end of diff \(HEAD -> working tree\)/);
    });
});
