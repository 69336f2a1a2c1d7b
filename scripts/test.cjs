// `npm test`: every suite (lint, type-check, unused exports, the root tests in shards, render freshness, the live
// alerting test, the app's tests, the delivery tests) in parallel, each to the end even when another failed. A
// suite's output goes to out/test-logs/<suite>.log and, when it failed, to the console in one block; then one
// summary table: passed, failed, skipped and time per suite, the wall time, and the machine's load.
//   node scripts/test.cjs              every suite
//   node scripts/test.cjs unit app     only these suites
//   node scripts/test.cjs --quick      the offline unit tests alone (`npm run test:quick`)
// TEST_JOBS sets how many suites run at once (default: the CPU count, at least 2); suites that mostly wait (the
// live test, bound by Prometheus's evaluation clock) run beside them without taking a slot.
"use strict";
const { spawn } = require("node:child_process");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const LOG_DIR = path.join(ROOT, "out", "test-logs");
const bin = (tool) => path.join(ROOT, "node_modules", ".bin", tool);

/** Counts as each runner prints them: mocha ("12 passing", "1 failing"), node --test ("ℹ pass 12"). */
const COUNTERS = [
    { passed: /^\s*(\d+) passing/m, failed: /^\s*(\d+) failing/m, skipped: /^\s*(\d+) pending/m },
    { passed: /^ℹ pass (\d+)$/m, failed: /^ℹ fail (\d+)$/m, skipped: /^ℹ skipped (\d+)$/m },
];

/** The live alerting test: real prometheus and alertmanager on loopback, ~90 s of mostly waiting. */
const LIVE_TEST = "test/components/platform/alerting-live.test.ts";
/** deploy/ freshness: the committed manifests are exactly a fresh render. A suite of its own, so its result shows whatever else failed. */
const RENDER_TESTS = "test/render/";
/**
 * The root mocha tests in shards that run in parallel, by folder (first match wins); every other test file is in
 * "unit". Each shard is a process of its own (it synthesizes the stacks it needs once, like the whole suite did).
 */
const UNIT_SHARDS = [
    { name: "unit-policy", prefixes: ["test/policy/"] },
    { name: "unit-synth", prefixes: ["test/synth/", "test/stacks/"] },
    { name: "unit-components", prefixes: ["test/components/"] },
];

/** Every *.test.ts under test/, relative to the root, sorted. */
function testFiles(dir = path.join(ROOT, "test")) {
    return fs
        .readdirSync(dir, { withFileTypes: true })
        .flatMap((entry) => (entry.isDirectory() ? testFiles(path.join(dir, entry.name)) : entry.name.endsWith(".test.ts") ? [path.relative(ROOT, path.join(dir, entry.name))] : []))
        .sort();
}

/** The mocha suites and their files: each test file in exactly one (the live test and render in their own). */
function mochaSuites(files = testFiles()) {
    const suites = new Map([...UNIT_SHARDS.map((shard) => [shard.name, []]), ["unit", []], ["render", []], ["live", []]]);
    for (const file of files) {
        const posix = file.split(path.sep).join("/");
        const shard = posix === LIVE_TEST ? "live" : posix.startsWith(RENDER_TESTS) ? "render" : (UNIT_SHARDS.find((s) => s.prefixes.some((p) => posix.startsWith(p)))?.name ?? "unit");
        suites.get(shard).push(file);
    }
    return suites;
}

const mocha = (files) => [process.execPath, bin("mocha"), "--reporter", "dot", ...files];

/**
 * Every suite: name, command, whether its output has test counts, whether it is part of `--quick` (offline unit
 * tests), and whether it mostly waits (runs beside the others without taking a slot).
 */
function suites() {
    const mochaFiles = mochaSuites();
    // A shard without files is left out: mocha would run its default spec (every test) instead.
    const mochaSuite = (name, extra) => (mochaFiles.get(name).length === 0 ? undefined : { name, command: mocha(mochaFiles.get(name)), counted: true, ...extra });
    // Longest first (by CPU time measured on the 2-core machine), so the run ends with short suites.
    return [
        mochaSuite("unit-components", { quick: true }),
        { name: "lint", command: ["npm", "run", "-s", "lint"] },
        mochaSuite("unit-policy", { quick: true }),
        mochaSuite("unit-synth", { quick: true }),
        { name: "app", command: ["npm", "--prefix", "app", "run", "-s", "test"], counted: true },
        { name: "deployments", command: ["npm", "--prefix", "deployments", "run", "-s", "test"], counted: true },
        { name: "typecheck", command: ["npm", "run", "-s", "typecheck"] },
        mochaSuite("unit", { quick: true }),
        mochaSuite("render", { quick: true }),
        // knip (knip.json): an export nothing imports, tests included, is dead surface; app/ and deployments/ are
        // packages of their own with their own tests and are left out.
        { name: "exports", command: ["npm", "run", "-s", "lint:exports"] },
        mochaSuite("live", { waits: true }),
    ].filter((suite) => suite !== undefined);
}

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

/** Runs one suite with its output kept to itself: returned, and written to out/test-logs/<name>.log. */
function run(suite) {
    return new Promise((resolve) => {
        const started = Date.now();
        const log = path.join(LOG_DIR, `${suite.name}.log`);
        const child = spawn(suite.command[0], suite.command.slice(1), { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        child.stdout.on("data", (chunk) => (output += chunk));
        child.stderr.on("data", (chunk) => (output += chunk));
        const finish = (code) => {
            fs.writeFileSync(log, `$ ${suite.command.join(" ")}\n${output}`);
            resolve({ ...suite, ok: code === 0, output, log, counts: suite.counted ? countTests(output) : undefined, seconds: (Date.now() - started) / 1000 });
        };
        child.on("error", (error) => ((output += `${error.message}\n`), finish(1)));
        child.on("close", finish);
    });
}

/**
 * Runs the suites, at most `jobs` at once (a suite that waits takes no slot), in the given order; calls
 * onDone(result) as each ends. Resolves to the results in suite order.
 */
async function runAll(list, jobs, runOne, onDone = () => {}) {
    const results = new Array(list.length);
    const queue = list.map((suite, index) => ({ suite, index })).filter(({ suite }) => !suite.waits);
    const start = async ({ suite, index }) => {
        results[index] = await runOne(suite);
        onDone(results[index]);
    };
    const waiting = list.map((suite, index) => ({ suite, index })).filter(({ suite }) => suite.waits).map(start);
    const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) await start(next);
    };
    await Promise.all([...waiting, ...Array.from({ length: Math.min(jobs, queue.length) }, worker)]);
    return results;
}

/** The summary table: one row per suite and a total, whose time is the wall time of the whole run. */
function summaryTable(results, wallSeconds) {
    const cell = (value) => (value === undefined ? "-" : String(value));
    const rows = results.map((r) => [r.name, r.ok ? "ok" : "FAILED", cell(r.counts?.passed), cell(r.counts?.failed ?? (r.counted && !r.ok ? "?" : undefined)), cell(r.counts?.skipped), `${r.seconds.toFixed(1)}s`]);
    const sum = (key) => results.reduce((total, r) => total + (r.counts?.[key] ?? 0), 0);
    const ok = results.every((r) => r.ok);
    const wall = wallSeconds ?? results.reduce((t, r) => t + r.seconds, 0);
    rows.push(["total", ok ? "ok" : "FAILED", String(sum("passed")), String(sum("failed")), String(sum("skipped")), `${wall.toFixed(1)}s`]);
    const header = ["suite", "result", "passed", "failed", "skipped", "time"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (row) => row.map((value, i) => (i === 0 ? value.padEnd(widths[i]) : value.padStart(widths[i]))).join("  ");
    return ["", "test summary", line(header), ...rows.slice(0, -1).map(line), line(rows[rows.length - 1])].join("\n");
}

module.exports = { suites, mochaSuites, testFiles, countTests, summaryTable, runAll, UNIT_SHARDS };

const load = () => os.loadavg().map((value) => value.toFixed(2)).join(" ");

async function main() {
    const args = process.argv.slice(2);
    const quick = args.includes("--quick");
    const names = args.filter((arg) => arg !== "--quick");
    const all = suites();
    const unknown = names.filter((name) => !all.some((suite) => suite.name === name));
    if (unknown.length > 0) {
        console.error(`unknown suite(s) ${unknown.join(", ")}; suites: ${all.map((suite) => suite.name).join(", ")}`);
        process.exit(2);
    }
    const selected = all.filter((suite) => (names.length === 0 || names.includes(suite.name)) && (!quick || suite.quick));
    const jobs = Number(process.env.TEST_JOBS) || Math.max(2, os.availableParallelism?.() ?? os.cpus().length);
    fs.mkdirSync(LOG_DIR, { recursive: true });
    const started = Date.now();
    console.log(`running ${selected.map((suite) => suite.name).join(", ")}: ${jobs} at a time on ${os.cpus().length} CPUs (load average ${load()}); logs in ${path.relative(ROOT, LOG_DIR)}/`);
    const results = await runAll(selected, jobs, run, (result) => {
        console.log(`${result.ok ? "ok    " : "FAILED"} ${result.name} (${result.seconds.toFixed(1)}s)`);
        if (!result.ok) console.log(`\n=== ${result.name}: ${result.command.join(" ")}\n${result.output.trimEnd()}\n=== end of ${result.name}\n`);
    });
    console.log(summaryTable(results, (Date.now() - started) / 1000));
    console.log(`load average at the end ${load()} (1, 5, 15 min) on ${os.cpus().length} CPUs`);
    process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}

if (require.main === module) void main();
