// `npm test` ends with one summary across its runners: counts read from mocha's and node --test's output.
import { strict as assert } from "node:assert";

interface Counts {
    passed: number;
    failed: number;
    skipped: number;
}
interface Runner {
    countTests: (this: void, output: string) => Counts | undefined;
    summaryTable: (this: void, results: { name: string; ok: boolean; counted?: boolean; counts?: Counts; seconds: number }[]) => string;
    SUITES: { name: string }[];
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { countTests, summaryTable, SUITES } = require("../../scripts/test.cjs") as Runner;

describe("npm test: one summary across runners", () => {
    it("reads mocha's and node --test's totals", () => {
        assert.deepEqual(countTests("  ...\n\n  279 passing (1m)\n  2 pending\n  1 failing\n"), { passed: 279, failed: 1, skipped: 2 });
        assert.deepEqual(countTests("▶ CLI\nℹ tests 101\nℹ pass 100\nℹ fail 1\nℹ skipped 0\n"), { passed: 100, failed: 1, skipped: 0 });
        assert.equal(countTests("no runner output"), undefined);
    });

    it("prints a row per suite and a total, FAILED when one suite failed", () => {
        assert.deepEqual(SUITES.map((suite) => suite.name), ["lint", "typecheck", "exports", "unit", "render", "app", "deployments"]);
        const table = summaryTable([
            { name: "lint", ok: true, seconds: 10 },
            { name: "unit", ok: true, counted: true, counts: { passed: 279, failed: 0, skipped: 0 }, seconds: 60 },
            { name: "app", ok: false, counted: true, counts: { passed: 100, failed: 1, skipped: 0 }, seconds: 20 },
        ]);
        const rows = table.split("\n").slice(2);
        assert.match(rows[0], /^suite\s+result\s+passed\s+failed\s+skipped\s+time$/);
        assert.match(rows[1], /^lint\s+ok\s+-\s+-\s+-\s+10\.0s$/);
        assert.match(rows[3], /^app\s+FAILED\s+100\s+1\s+0\s+20\.0s$/);
        assert.match(rows[4], /^total\s+FAILED\s+379\s+1\s+0\s+90\.0s$/);
    });
});
