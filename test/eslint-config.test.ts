// The module-boundary rule of eslint.config.mjs, checked against the import paths it must refuse and allow from
// files at several depths (ESLint resolves which config blocks apply to each file).
import { strict as assert } from "node:assert";
import * as path from "node:path";
import { ESLint } from "eslint";

const ROOT = path.join(__dirname, "..");

interface Pattern {
    regex: string;
}

/** Whether the restricted-import rule that applies to `file` refuses `specifier`. */
async function refuses(eslint: ESLint, file: string, specifier: string): Promise<boolean> {
    const config = (await eslint.calculateConfigForFile(path.join(ROOT, file))) as { rules: Record<string, [unknown, { patterns?: Pattern[] }]> };
    const patterns = config.rules["no-restricted-imports"][1].patterns ?? [];
    return patterns.some((pattern) => new RegExp(pattern.regex, "iu").test(specifier));
}

describe("lint: module boundaries", () => {
    const eslint = new ESLint({ cwd: ROOT });

    it("refuses a path into a module's files from outside it", async () => {
        const cases: [string, string][] = [
            ["program.ts", "./components/cluster/aks"],
            ["synth/run.ts", "../stacks/schema"],
            ["render/render.ts", "../components/app/gitops/manifests"],
            ["components/app/spec.ts", "../../stacks/schema"],
            ["components/app/index.ts", "../platform/outputs"],
            ["components/app/workload/deployment.ts", "../../cluster/handle"],
            ["components/pod-security.ts", "./platform/namespace"],
            ["test/synth/cli.test.ts", "../../synth/cli-args"],
            ["test/components/app/sizing.test.ts", "../../../components/app/sizing"],
            ["test/policy/model.test.ts", "../../policy/manifests"],
        ];
        for (const [file, specifier] of cases) assert.ok(await refuses(eslint, file, specifier), `${file} importing ${specifier}`);
    });

    it("allows a module's index, its own files, shared component files and test support", async () => {
        const cases: [string, string][] = [
            ["program.ts", "./components/cluster"],
            ["synth/run.ts", "../stacks"],
            ["synth/run.ts", "./engine"],
            ["components/app/index.ts", "../platform"],
            ["components/app/index.ts", "./workload/monitoring"],
            ["components/app/workload/monitoring.ts", "../../grafana"],
            ["test/synth/add-stack.test.ts", "../policy/support"],
            ["test/components/app/sizing.test.ts", "../../../components/app"],
            ["test/policy/model.test.ts", "../../policy/rules"],
            ["test/components/app/metric-names.test.ts", "../../../app/src/metric-names"],
        ];
        for (const [file, specifier] of cases) assert.ok(!(await refuses(eslint, file, specifier)), `${file} importing ${specifier}`);
    });
});
