// `npm test` (scripts/test.cjs): suites in parallel, each test file in exactly one suite, and one summary across
// runners: counts read from mocha's and node --test's output.
import { strict as assert } from "node:assert";

interface Counts {
    passed: number;
    failed: number;
    skipped: number;
}
interface Suite {
    name: string;
    command: string[];
    counted?: boolean;
    quick?: boolean;
    waits?: boolean;
}
interface Result extends Suite {
    ok: boolean;
    counts?: Counts;
    seconds: number;
}
interface Runner {
    countTests: (this: void, output: string) => Counts | undefined;
    summaryTable: (this: void, results: Result[], wallSeconds?: number) => string;
    suites: (this: void) => Suite[];
    mochaSuites: (this: void, files?: string[]) => Map<string, string[]>;
    testFiles: (this: void) => string[];
    runAll: (this: void, list: Suite[], jobs: number, runOne: (suite: Suite) => Promise<Result>) => Promise<Result[]>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const runner = require("../../scripts/test.cjs") as Runner;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("npm test: parallel suites, one summary across runners", () => {
    it("reads mocha's and node --test's totals", () => {
        assert.deepEqual(runner.countTests("  ...\n\n  279 passing (1m)\n  2 pending\n  1 failing\n"), { passed: 279, failed: 1, skipped: 2 });
        assert.deepEqual(runner.countTests("▶ CLI\nℹ tests 101\nℹ pass 100\nℹ fail 1\nℹ skipped 0\n"), { passed: 100, failed: 1, skipped: 0 });
        assert.equal(runner.countTests("no runner output"), undefined);
    });

    it("runs every check and test suite; --quick is the offline unit tests alone (no lint, type-check, live test or packages)", () => {
        const all = runner.suites();
        for (const name of ["lint", "typecheck", "exports", "unit", "render", "live", "app", "deployments"]) assert.ok(all.some((s) => s.name === name), name);
        const quick = all.filter((s) => s.quick).map((s) => s.name);
        assert.ok(quick.includes("unit") && quick.includes("render"));
        for (const name of ["lint", "typecheck", "exports", "live", "app", "deployments"]) assert.ok(!quick.includes(name), `${name} is not quick`);
        assert.deepEqual(all.filter((s) => s.waits).map((s) => s.name), ["live"]);
    });

    it("puts each root test file in exactly one suite: the live alerting test and render freshness in their own", () => {
        const files = runner.testFiles();
        assert.ok(files.length > 40, `${files.length} test files found`);
        const suites = runner.mochaSuites();
        const assigned = [...suites.values()].flat().sort();
        assert.deepEqual(assigned, files, "every file once, none twice");
        assert.deepEqual(suites.get("live"), ["test/components/platform/alerting-live.test.ts"]);
        assert.deepEqual(suites.get("render"), ["test/render/promote-image.test.ts", "test/render/render.test.ts"]);
        // A made-up tree: files outside the shard folders land in "unit".
        const made = runner.mochaSuites(["test/policy/a.test.ts", "test/stacks/b.test.ts", "test/new/c.test.ts", "test/render/d.test.ts"]);
        assert.deepEqual(made.get("unit-policy"), ["test/policy/a.test.ts"]);
        assert.deepEqual(made.get("unit-synth"), ["test/stacks/b.test.ts"]);
        assert.deepEqual(made.get("unit"), ["test/new/c.test.ts"]);
        assert.deepEqual(made.get("render"), ["test/render/d.test.ts"]);
    });

    it("runs at most `jobs` suites at once, a waiting suite beside them from the start, and returns results in suite order", async () => {
        let running = 0;
        let most = 0;
        const startedAt = new Map<string, number>();
        const list: Suite[] = ["a", "b", "c", "d"].map((name) => ({ name, command: [] }));
        list.push({ name: "live", command: [], waits: true });
        const started = Date.now();
        const results = await runner.runAll(list, 2, async (suite) => {
            startedAt.set(suite.name, Date.now() - started);
            if (!suite.waits) most = Math.max(most, ++running);
            await sleep(suite.waits ? 150 : 60);
            if (!suite.waits) running -= 1;
            return { ...suite, ok: suite.name !== "c", seconds: 0 };
        });
        const elapsed = Date.now() - started;
        assert.equal(most, 2, "two slots, both used");
        assert.ok((startedAt.get("live") ?? Infinity) < 30, "the waiting suite starts at once, without a slot");
        assert.ok((startedAt.get("c") ?? 0) >= 55, "c waits for a free slot");
        assert.ok(elapsed < 4 * 60 + 150, `parallel: ${elapsed} ms, one after another would be ${4 * 60 + 150} ms`);
        assert.deepEqual(results.map((r) => [r.name, r.ok]), [["a", true], ["b", true], ["c", false], ["d", true], ["live", true]]);
    });

    it("prints a row per suite and a total with the wall time, FAILED when one suite failed", () => {
        const table = runner.summaryTable(
            [
                { name: "lint", command: [], ok: true, seconds: 10 },
                { name: "unit", command: [], ok: true, counted: true, counts: { passed: 279, failed: 0, skipped: 0 }, seconds: 60 },
                { name: "app", command: [], ok: false, counted: true, counts: { passed: 100, failed: 1, skipped: 0 }, seconds: 20 },
            ],
            65,
        );
        const rows = table.split("\n").slice(2);
        assert.match(rows[0], /^suite\s+result\s+passed\s+failed\s+skipped\s+time$/);
        assert.match(rows[1], /^lint\s+ok\s+-\s+-\s+-\s+10\.0s$/);
        assert.match(rows[3], /^app\s+FAILED\s+100\s+1\s+0\s+20\.0s$/);
        assert.match(rows[4], /^total\s+FAILED\s+379\s+1\s+0\s+65\.0s$/);
    });
});
