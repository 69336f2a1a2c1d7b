/** .github/scripts/use-preview-environment.cjs: the preview job's switch to the read-only ESC environment. */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";
import { previewEnvironmentId } from "../src/access";
import { parseConfig } from "../src/config";
import { getter, validRaw } from "./fixtures";
import { REPO_ROOT } from "./workflow-helpers";

interface Script {
    previewEnvironmentRef(stack: string, escProject: string): string;
    usePreviewEnvironment(text: string, stack: string, escProject: string): string;
}

const SCRIPT = path.join(REPO_ROOT, ".github", "scripts", "use-preview-environment.cjs");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const script = require(SCRIPT) as Script;

describe("use-preview-environment.cjs", () => {
    it("names the environment access.ts creates and grants the preview team", () => {
        const cfg = parseConfig(getter(validRaw()));
        for (const stack of ["staging", "prod"] as const) {
            assert.equal(script.previewEnvironmentRef(stack, "platform"), previewEnvironmentId(cfg, stack).ref);
        }
    });

    for (const stack of ["staging", "prod"]) {
        it(`replaces only the environment list of the committed Pulumi.${stack}.yaml`, () => {
            const text = fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8");
            const before = YAML.parse(text) as Record<string, unknown>;
            const after = YAML.parse(script.usePreviewEnvironment(text, stack, "platform")) as Record<string, unknown>;
            assert.deepEqual(after["environment"], [`platform/${stack}-preview`]);
            assert.deepEqual(after["config"], before["config"], "stack config is untouched");
            assert.deepEqual(Object.keys(after).sort(), [...new Set([...Object.keys(before), "environment"])].sort());
        });
    }

    it("adds the list to a stack file without one", () => {
        const out = YAML.parse(script.usePreviewEnvironment("config:\n  platform:x: 1\n", "staging", "esc")) as Record<string, unknown>;
        assert.deepEqual(out, { config: { "platform:x": 1 }, environment: ["esc/staging-preview"] });
    });

    it("rejects stacks without a preview environment and bad ESC project names", () => {
        assert.throws(() => script.previewEnvironmentRef("dev", "platform"), /stack = "dev" is invalid: expected one of staging, prod/);
        assert.throws(() => script.previewEnvironmentRef("prod", "default"), /escProject = "default" is invalid/);
        assert.throws(() => script.previewEnvironmentRef("prod", "../x"), /escProject = "..\/x" is invalid/);
    });

    it("runs as the workflow runs it: rewrites the file in the working directory", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-env-"));
        try {
            fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.prod.yaml"), path.join(dir, "Pulumi.prod.yaml"));
            const out = execFileSync(process.execPath, [SCRIPT, "prod", "platform"], { cwd: dir, encoding: "utf8" });
            assert.match(out, /environment -> \[platform\/prod-preview\]/);
            const doc = YAML.parse(fs.readFileSync(path.join(dir, "Pulumi.prod.yaml"), "utf8")) as Record<string, unknown>;
            assert.deepEqual(doc["environment"], ["platform/prod-preview"]);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
