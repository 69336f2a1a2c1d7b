// `npm run bench:synth`: wall time of a fresh process that synthesizes a stack, against a fresh process that
// only imports @pulumi/pulumi, measured in the same run (median of N, interleaved so machine noise hits all
// alike). Target: the path users run is <= 2x the bare import.
//
// Paths measured:
//   npm run synth      TypeScript through scripts/ts-register.cjs, transpile cache warm (every run after the first)
//   ... cold cache     the same right after a source change (every file transpiled again)
//   pulumi preview     node with the runtime options of Pulumi.yaml (nodeargs; ts-node when typescript: true),
//                      as the CLI's nodejs language host starts the program: target <= 2x as well
//   ts-node            ts-node transpile-only, what `pulumi preview` ran before Pulumi.yaml set nodeargs
//   compiled           the JavaScript `npm run build` writes to build/: the synth's own cost, no TypeScript at all
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { previewNodeArgs } from "./preview-args";
import { ROOT, STACKS } from "./stack-files";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_RATIO = 2;
const HOOK = path.join(ROOT, "scripts", "ts-register.cjs");
const ONE = path.join(ROOT, "synth", "bench-one.ts");
const COMPILED_ONE = path.join(ROOT, "build", "synth", "bench-one.js");
/** The stack the per-path comparison runs on (the largest); every stack is timed on the user path. */
const DETAIL_STACK = STACKS.includes("prod") ? "prod" : STACKS[STACKS.length - 1];

interface Variant {
    key: string;
    label: string;
    args: string[];
    env?: () => NodeJS.ProcessEnv;
}

const CPU_PROBE = path.join(ROOT, "synth", "bench-cpu.cjs");

/** Wall time and CPU time (user + system of the process, from synth/bench-cpu.cjs) of one fresh process, in ms. */
function timeProcess(variant: Variant): { wall: number; cpu: number } {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, ["--require", CPU_PROBE, ...variant.args], { cwd: ROOT, encoding: "utf8", env: variant.env?.() ?? process.env });
    const wall = Number(process.hrtime.bigint() - started) / 1e6;
    if (run.status !== 0) throw new Error(`${variant.label}: node ${variant.args.join(" ")} failed:\n${run.stderr}`);
    const cpu = [...run.stderr.matchAll(/^bench-cpu-ms ([\d.]+)$/gm)].pop();
    if (!cpu) throw new Error(`${variant.label}: no CPU time reported`);
    return { wall, cpu: Number(cpu[1]) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const coldCache = () => ({ ...process.env, PLATFORM_TS_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "ts-cache-")) });
const allVariants: Variant[] = [
    { key: "bare", label: "import @pulumi/pulumi only (baseline)", args: ["-e", 'require("@pulumi/pulumi")'] },
    ...STACKS.map((stack) => ({ key: `synth:${stack}`, label: `${stack}: npm run synth (warm cache)`, args: ["--require", HOOK, ONE, stack] })),
    { key: "cold", label: `${DETAIL_STACK}: npm run synth, cold cache`, args: ["--require", HOOK, ONE, DETAIL_STACK], env: coldCache },
    {
        key: "preview",
        label: `${DETAIL_STACK}: pulumi preview path (Pulumi.yaml runtime options)`,
        args: [...previewNodeArgs(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")), ONE, DETAIL_STACK],
    },
    { key: "ts-node", label: `${DETAIL_STACK}: ts-node transpile-only (the former preview path)`, args: ["--require", "ts-node/register/transpile-only", ONE, DETAIL_STACK] },
    { key: "compiled", label: `${DETAIL_STACK}: compiled JavaScript (npm run build)`, args: [COMPILED_ONE, DETAIL_STACK] },
];

// BENCH_ONLY=bare,preview,ts-node times only these variants (the baseline always).
const only = process.env.BENCH_ONLY?.split(",");
const variants = allVariants.filter((variant) => only === undefined || variant.key === "bare" || only.includes(variant.key));
const load = () => os.loadavg().map((value) => value.toFixed(2)).join(" ");

console.log(`${new Date().toISOString()}, load average ${load()}`);
console.log(`synth benchmark: ${RUNS} rounds of ${variants.length} fresh processes (plus one warm-up round), node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? "unknown CPU"}`);
if (variants.some((variant) => variant.key === "compiled")) {
    console.log("building the compiled variant (npm run build) ...");
    execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });
}

const samples = new Map<string, { wall: number; cpu: number }[]>();
for (let round = 0; round <= RUNS; round++) {
    const times = variants.map((variant) => [variant, timeProcess(variant)] as const);
    const line = times.map(([variant, t]) => `${variant.key} ${t.wall.toFixed(0)}/${t.cpu.toFixed(0)}`).join(", ");
    if (round === 0) {
        console.log(`warm-up    ${line} ms wall/CPU (not counted)`);
        continue;
    }
    for (const [variant, t] of times) samples.set(variant.key, [...(samples.get(variant.key) ?? []), t]);
    console.log(`round ${String(round).padStart(2)}/${RUNS} ${line} ms wall/CPU`);
}
for (const dir of fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("ts-cache-"))) fs.rmSync(path.join(os.tmpdir(), dir), { recursive: true, force: true });

const medianOf = (key: string, kind: "wall" | "cpu") => median((samples.get(key) ?? []).map((t) => t[kind]));
const bare = { wall: medianOf("bare", "wall"), cpu: medianOf("bare", "cpu") };
console.log(`\nmedians (${RUNS} runs each), ratio to the baseline; wall time is the target, CPU time the cross-check on a loaded machine:`);
let worst = 0;
for (const variant of variants) {
    const wall = medianOf(variant.key, "wall");
    const cpu = medianOf(variant.key, "cpu");
    const ratio = wall / bare.wall;
    const userPath = variant.key.startsWith("synth:") || variant.key === "preview";
    if (userPath) worst = Math.max(worst, ratio);
    const verdict = userPath ? (ratio <= TARGET_RATIO ? `meets <= ${TARGET_RATIO}x` : `MISSES <= ${TARGET_RATIO}x`) : "";
    console.log(`  ${variant.label.padEnd(58)} wall ${wall.toFixed(0).padStart(6)} ms ${ratio.toFixed(2)}x   CPU ${cpu.toFixed(0).padStart(6)} ms ${(cpu / bare.cpu).toFixed(2)}x  ${verdict}`);
}
console.log(`load average at the end ${load()}`);
const transpile = samples.has("ts-node") && samples.has("compiled") ? medianOf("ts-node", "wall") - medianOf("compiled", "wall") : undefined;
console.log(`\nnpm run synth (warm cache) and the pulumi preview path, worst: ${worst.toFixed(2)}x the bare import (target <= ${TARGET_RATIO}x)`);
if (transpile !== undefined) console.log(`TypeScript's compiler in ts-node costs ${transpile.toFixed(0)} ms per run on ${DETAIL_STACK} (ts-node minus compiled); the transpile cache skips it.`);
