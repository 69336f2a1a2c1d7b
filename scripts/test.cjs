// `npm test`: every suite in turn (lint, type-check, unused exports, the root tests, the app's, the delivery tests), each to
// the end even when an earlier one failed, then one summary across the three test runners: passed and
// failed per suite and in total. Exit 1 when anything failed.
"use strict";
const { spawn } = require("node:child_process");

/** Counts as each runner prints them: mocha ("12 passing", "1 failing"), node --test ("ℹ pass 12"). */
const COUNTERS = [
    { passed: /^\s*(\d+) passing/m, failed: /^\s*(\d+) failing/m, skipped: /^\s*(\d+) pending/m },
    { passed: /^ℹ pass (\d+)$/m, failed: /^ℹ fail (\d+)$/m, skipped: /^ℹ skipped (\d+)$/m },
];

const SUITES = [
    { name: "lint", command: ["npm", "run", "-s", "lint"] },
    { name: "typecheck", command: ["npm", "run", "-s", "typecheck"] },
    // knip (knip.json): an export nothing imports, tests included, is dead surface; app/ and deployments/ are
    // packages of their own with their own tests and are left out.
    { name: "exports", command: ["npm", "run", "-s", "lint:exports"] },
    // Dots keep ~300 passing tests to a few lines; a failure is still printed in full at the end.
    { name: "unit", command: ["npm", "run", "-s", "test:unit", "--", "--reporter", "dot", "--ignore", "test/render/**"], counted: true },
    // deploy/ freshness (the committed manifests are exactly a fresh render): a suite of its own, so its result
    // shows in the summary whatever else failed.
    { name: "render", command: ["npx", "mocha", "--reporter", "dot", "test/render/**/*.test.ts"], counted: true },
    { name: "app", command: ["npm", "--prefix", "app", "run", "-s", "test"], counted: true },
    { name: "deployments", command: ["npm", "--prefix", "deployments", "run", "-s", "test"], counted: true },
];

/** Passed/failed/skipped from a runner's output; the last match wins (a runner prints its totals last). */
function countTests(output) {
    for (const counter of COUNTERS) {
        const last = (pattern) => {
            const all = [...output.matchAll(new RegExp(pattern.source, "gm"))];
            return all.length ? Number(all[all.length - 1][1]) : undefined;
        };
        const passed = last(counter.passed);
        const failed = last(counter.failed);
        if (passed !== undefined || failed !== undefined) return { passed: passed ?? 0, failed: failed ?? 0, skipped: last(counter.skipped) ?? 0 };
    }
    return undefined;
}

function run(suite) {
    return new Promise((resolve) => {
        const started = Date.now();
        console.log(`\n=== ${suite.name}: ${suite.command.join(" ")}`);
        const child = spawn(suite.command[0], suite.command.slice(1), { stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk) => ((output += chunk), process.stdout.write(chunk)));
        child.stderr.on("data", (chunk) => ((output += chunk), process.stderr.write(chunk)));
        child.on("close", (code) => resolve({ ...suite, ok: code === 0, counts: suite.counted ? countTests(output) : undefined, seconds: (Date.now() - started) / 1000 }));
    });
}

/** The summary table: one row per suite and a total. */
function summaryTable(results) {
    const cell = (value) => (value === undefined ? "-" : String(value));
    const rows = results.map((r) => [r.name, r.ok ? "ok" : "FAILED", cell(r.counts?.passed), cell(r.counts?.failed ?? (r.counted && !r.ok ? "?" : undefined)), cell(r.counts?.skipped), `${r.seconds.toFixed(1)}s`]);
    const sum = (key) => results.reduce((total, r) => total + (r.counts?.[key] ?? 0), 0);
    const ok = results.every((r) => r.ok);
    rows.push(["total", ok ? "ok" : "FAILED", String(sum("passed")), String(sum("failed")), String(sum("skipped")), `${results.reduce((t, r) => t + r.seconds, 0).toFixed(1)}s`]);
    const header = ["suite", "result", "passed", "failed", "skipped", "time"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (row) => row.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i]))).join("  ");
    return ["", "test summary", line(header), ...rows.slice(0, -1).map(line), line(rows[rows.length - 1])].join("\n");
}

module.exports = { SUITES, countTests, summaryTable };

async function main() {
    // `node scripts/test.mjs unit app` runs only the named suites (CI runs lint, typecheck and exports as steps of their own).
    const names = process.argv.slice(2);
    const unknown = names.filter((name) => !SUITES.some((suite) => suite.name === name));
    if (unknown.length > 0) {
        console.error(`unknown suite(s) ${unknown.join(", ")}; suites: ${SUITES.map((suite) => suite.name).join(", ")}`);
        process.exit(2);
    }
    const results = [];
    for (const suite of SUITES.filter((s) => names.length === 0 || names.includes(s.name))) results.push(await run(suite));
    console.log(summaryTable(results));
    process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

if (require.main === module) void main();
