// `pulumi preview` starts the program through the transpile cache, as `npm run synth` does: Pulumi.yaml's nodejs
// runtime options (typescript: false, nodeargs) and a real start of the program on that path.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { previewNodeArgs, ROOT } from "../../synth";

const PULUMI_YAML = fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8");

/** Runs the synth of one stack as the CLI would start it, and lists the ts-node files the process loaded. */
function startAsPreview(stack: string, cacheDir: string): { status: number | null; stderr: string; loaded: string[] } {
    const probe = `require(${JSON.stringify(path.join(ROOT, "synth", "run.ts"))}).synthStack(${JSON.stringify(stack)}).then(() => {
        const loaded = Object.keys(require.cache).filter((file) => /node_modules[\\\\/]ts-node[\\\\/]/.test(file));
        console.log(JSON.stringify(loaded));
    });`;
    const run = spawnSync(process.execPath, [...previewNodeArgs(PULUMI_YAML), "-e", probe], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PLATFORM_TS_CACHE_DIR: cacheDir }, timeout: 120_000 });
    const lastLine = run.stdout.trim().split("\n").pop() ?? "[]";
    return { status: run.status, stderr: run.stderr, loaded: JSON.parse(lastLine.startsWith("[") ? lastLine : "[]") as string[] };
}

describe("pulumi preview start-up: the transpile cache, not ts-node", () => {
    it("Pulumi.yaml turns the CLI's ts-node off and requires scripts/ts-register.cjs instead", () => {
        assert.deepEqual(previewNodeArgs(PULUMI_YAML), ["--require", "./scripts/ts-register.cjs"]);
        assert.ok(fs.existsSync(path.join(ROOT, "scripts", "ts-register.cjs")));
        // The CLI's default (typescript: true) would register ts-node on top.
        assert.deepEqual(previewNodeArgs("name: p\nruntime: nodejs\n"), ["--require", "ts-node/register/transpile-only"]);
    });

    it("the program starts on that path without ts-node, and a second start transpiles nothing (every file from the cache)", () => {
        const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-cache-"));
        try {
            const cold = startAsPreview("dev", cacheDir);
            assert.equal(cold.status, 0, cold.stderr);
            assert.deepEqual(cold.loaded, []);
            const cached = fs.readdirSync(cacheDir).sort();
            assert.ok(cached.length > 20, `the first start fills the cache (${cached.length} files)`);
            const warm = startAsPreview("dev", cacheDir);
            assert.equal(warm.status, 0, warm.stderr);
            assert.deepEqual(fs.readdirSync(cacheDir).sort(), cached, "the second start wrote nothing new");
        } finally {
            fs.rmSync(cacheDir, { recursive: true, force: true });
        }
    });
});
