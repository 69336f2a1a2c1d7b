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

function timeProcess(variant: Variant): number {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, variant.args, { cwd: ROOT, encoding: "utf8", env: variant.env?.() ?? process.env });
    if (run.status !== 0) throw new Error(`${variant.label}: node ${variant.args.join(" ")} failed:\n${run.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const coldCache = () => ({ ...process.env, PLATFORM_TS_CACHE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "ts-cache-")) });
const variants: Variant[] = [
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

console.log(`synth benchmark: ${RUNS} rounds of ${variants.length} fresh processes (plus one warm-up round), node ${process.version}, ${os.cpus().length} CPUs`);
console.log("building the compiled variant (npm run build) ...");
execFileSync("npm", ["run", "-s", "build"], { cwd: ROOT, stdio: "inherit" });

const samples = new Map<string, number[]>();
for (let round = 0; round <= RUNS; round++) {
    const times = variants.map((variant) => [variant, timeProcess(variant)] as const);
    const line = times.map(([variant, ms]) => `${variant.key} ${ms.toFixed(0)}`).join(", ");
    if (round === 0) {
        console.log(`warm-up    ${line} ms (not counted)`);
        continue;
    }
    for (const [variant, ms] of times) samples.set(variant.key, [...(samples.get(variant.key) ?? []), ms]);
    console.log(`round ${String(round).padStart(2)}/${RUNS} ${line} ms`);
}
for (const dir of fs.readdirSync(os.tmpdir()).filter((name) => name.startsWith("ts-cache-"))) fs.rmSync(path.join(os.tmpdir(), dir), { recursive: true, force: true });

const bare = median(samples.get("bare") ?? []);
console.log(`\nmedians (${RUNS} runs each), ratio to the baseline:`);
let worst = 0;
for (const variant of variants) {
    const elapsed = median(samples.get(variant.key) ?? []);
    const ratio = elapsed / bare;
    const userPath = variant.key.startsWith("synth:") || variant.key === "preview";
    if (userPath) worst = Math.max(worst, ratio);
    const verdict = userPath ? (ratio <= TARGET_RATIO ? `meets <= ${TARGET_RATIO}x` : `MISSES <= ${TARGET_RATIO}x`) : "";
    console.log(`  ${variant.label.padEnd(52)} ${elapsed.toFixed(0).padStart(6)} ms  ${ratio.toFixed(2)}x  ${verdict}`);
}
const transpile = median(samples.get("ts-node") ?? []) - median(samples.get("compiled") ?? []);
console.log(`\nnpm run synth (warm cache) and the pulumi preview path, worst: ${worst.toFixed(2)}x the bare import (target <= ${TARGET_RATIO}x)`);
console.log(`TypeScript's compiler in ts-node costs ${transpile.toFixed(0)} ms per run on ${DETAIL_STACK} (ts-node minus compiled); the transpile cache skips it.`);
