// The Node 22 gate: package.json engines, .npmrc engine-strict, .nvmrc/.node-version, and the preflight that
// `npm test` runs first (refusing an older Node within a second, naming Node 22 and how to get it).
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../../synth";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { nodeProblem } = require("../../scripts/preflight.cjs") as { nodeProblem: (version: string) => string | null };

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** A Node older than 22 on this machine (Debian's), to run the preflight for real; undefined when none. */
function olderNode(): string | undefined {
    for (const candidate of ["/usr/bin/node", "/usr/local/bin/node"]) {
        const run = spawnSync(candidate, ["--version"], { encoding: "utf8" });
        if (run.status === 0 && Number(run.stdout.trim().slice(1).split(".")[0]) < 22) return candidate;
    }
    return undefined;
}

describe("Node 22 preflight", () => {
    it("pins Node 22 everywhere a tool looks: engines, engine-strict, .nvmrc, .node-version", () => {
        assert.equal((JSON.parse(read("package.json")) as { engines: { node: string } }).engines.node, ">=22");
        assert.match(read(".npmrc"), /^engine-strict=true$/m);
        assert.equal(read(".nvmrc"), "22\n");
        assert.equal(read(".node-version"), "22\n");
        assert.match((JSON.parse(read("package.json")) as { scripts: { test: string } }).scripts.test, /^node scripts\/preflight\.cjs && /);
    });

    it("refuses Node 20 naming Node 22 and the ways to get it, accepts 22 and newer", () => {
        const message = nodeProblem("20.20.2");
        assert.ok(message);
        assert.match(message, /needs Node 22 \(LTS\); this is Node 20\.20\.2/);
        for (const how of ["nvm install", ".nvmrc", ".node-version", "https://nodejs.org", "bash scripts/test.sh"]) assert.ok(message.includes(how), how);
        assert.equal(nodeProblem("22.0.0"), null);
        assert.equal(nodeProblem("v24.1.0"), null);
    });

    it("an older node running `npm test`'s first step stops within a second with that message", function () {
        const node = olderNode();
        if (node === undefined) this.skip();
        const started = Date.now();
        const run = spawnSync(node, [path.join(ROOT, "scripts", "preflight.cjs")], { encoding: "utf8" });
        assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms`);
        assert.equal(run.status, 1);
        assert.match(run.stderr, /needs Node 22/);
    });
});
