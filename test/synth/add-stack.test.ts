// A stack is added by its file alone: a Pulumi.qa.yaml on the staging preset, in a scratch copy of the
// project, is discovered, synthesizes, renders deploy/qa/ and passes every mandatory rule of the policy pack.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { renderStacks } from "../../render";
import { synthStack } from "../../synth";
import { discoverStacks, ROOT, STACKS } from "../../synth";
import { mandatoryFindings } from "../policy/support";
import { runTsCli, scratchCopy } from "../support/scratch";
import { SECRET_MARKERS } from "../support/stacks";

const QA_STACK_FILE = `# qa: a second staging-shaped environment.
config:
  platform:environment: staging
  platform:cluster:
    deployerPrincipalId: 5e1f0000-0000-4000-8000-00000000aa01
  # No alert channel until its secret is set (staging's comes from ESC platform/staging-secrets).
  platform:monitoring:
    ticketReceiver: none
  platform:app:
    image: ghcr.io/example-org/platform/app:0.1.0@sha256:0000000000000000000000000000000000000000000000000000000000000000
    gitops:
      repoUrl: https://github.com/example-org/platform.git
      targetRevision: main
`;

describe("adding a stack by its file alone", () => {
    let root: string;
    before(() => {
        root = scratchCopy("add-stack-");
        fs.writeFileSync(path.join(root, "Pulumi.qa.yaml"), QA_STACK_FILE);
    });
    after(() => fs.rmSync(root, { recursive: true, force: true }));

    it("this checkout's stacks are its stack files, presets first", () => {
        const files = fs.readdirSync(ROOT).filter((file) => /^Pulumi\..+\.yaml$/.test(file));
        assert.deepEqual([...STACKS].sort(), files.map((file) => file.slice("Pulumi.".length, -".yaml".length)).sort());
        assert.deepEqual(discoverStacks(root), [...STACKS, "qa"]);
    });

    it("qa synthesizes, renders deploy/qa/ like staging, and passes the policy pack", async () => {
        const result = await synthStack("qa", SECRET_MARKERS, root);
        assert.ok(result.resources.some((r) => r.type === "azure-native:containerservice:ManagedCluster"), "the staging preset's AKS cluster");
        const application = result.resources.find((r) => r.type === "kubernetes:argoproj.io/v1alpha1:Application");
        assert.equal((application?.inputs.spec as { source: { path: string } }).source.path, "deploy/qa");

        const report = renderStacks(root);
        const staging = report.find((line) => line.startsWith("staging: "))?.replace("staging", "qa").replace("deploy/staging/", "deploy/qa/");
        assert.ok(staging !== undefined && report.includes(staging), report.join("\n"));
        assert.deepEqual(fs.readdirSync(path.join(root, "deploy", "qa")).sort(), fs.readdirSync(path.join(root, "deploy", "staging")).sort());

        assert.deepEqual(mandatoryFindings(result, root), []);
    });

    it("the CLIs take it: synth --stack qa and render --stack qa", () => {
        const synth = runTsCli(root, "synth/cli.ts", ["--stack", "qa"]);
        assert.equal(synth.status, 0, synth.stderr);
        assert.match(synth.stdout, /^stack qa: \d+ resources/m);
        assert.ok(fs.existsSync(path.join(root, "out", "qa", "summary.txt")));
        const render = runTsCli(root, "render/cli.ts", ["--stack=qa"]);
        assert.equal(render.status, 0, render.stderr);
        assert.match(render.stdout, /qa: \d+ manifests -> deploy\/qa\//);
    });

    it("render removes the deploy/ folder of a stack whose file is gone", () => {
        fs.mkdirSync(path.join(root, "deploy", "old"), { recursive: true });
        fs.writeFileSync(path.join(root, "deploy", "old", "deployment-greeter.yaml"), "kind: Deployment\n");
        const report = renderStacks(root);
        assert.ok(report.includes("old: no Pulumi.old.yaml, removed deploy/old/"), report.join("\n"));
        assert.equal(fs.existsSync(path.join(root, "deploy", "old")), false);
    });
});
