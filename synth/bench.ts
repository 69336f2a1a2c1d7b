// `npm run bench:synth`: wall time of a fresh process that synthesizes each stack, against a fresh
// process that only imports @pulumi/pulumi, measured in the same run (median of N, interleaved so
// machine noise hits both alike). Target: each stack <= 2x the bare import.
//
// The target is checked on the program compiled to JavaScript (what the synth itself costs); the same
// synth through ts-node (`npm run synth`, which also transpiles every TypeScript file) is printed too.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT, STACKS } from "./stack-files";

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TARGET_RATIO = 2;
const BUILD = path.join(ROOT, ".bench-build");

function timeProcess(args: string[]): number {
    const started = process.hrtime.bigint();
    const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`node ${args.join(" ")} failed:\n${run.stderr}`);
    return Number(process.hrtime.bigint() - started) / 1e6;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function compile(): void {
    fs.rmSync(BUILD, { recursive: true, force: true });
    // Only what the synth imports, with the project's compiler settings.
    const options = ["--target", "ES2022", "--module", "commonjs", "--moduleResolution", "node", "--esModuleInterop", "--skipLibCheck", "--resolveJsonModule", "--types", "node"];
    execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), ...options, "--outDir", BUILD, "--rootDir", ".", path.join("synth", "bench-one.ts")], { cwd: ROOT, stdio: "inherit" });
    // Files the program reads at run time next to its modules.
    fs.cpSync(path.join(ROOT, "components"), path.join(BUILD, "components"), { recursive: true, filter: (src) => !src.endsWith(".ts") });
}

const variants: Record<string, (stack: string) => string[]> = {
    compiled: (stack) => [path.join(BUILD, "synth", "bench-one.js"), stack],
    "ts-node": (stack) => ["--require", "ts-node/register/transpile-only", path.join(__dirname, "bench-one.ts"), stack],
};
const bareArgs = ["-e", 'require("@pulumi/pulumi")'];

compile();
const samples = new Map<string, number[]>();
const record = (key: string, args: string[]) => samples.set(key, [...(samples.get(key) ?? []), timeProcess(args)]);
for (let run = 0; run <= RUNS; run++) {
    const warmup = run === 0;
    const measure = (key: string, args: string[]) => (warmup ? timeProcess(args) : record(key, args));
    measure("bare", bareArgs);
    for (const stack of STACKS) for (const [variant, args] of Object.entries(variants)) measure(`${variant}:${stack}`, args(stack));
}
fs.rmSync(BUILD, { recursive: true, force: true });

const bare = median(samples.get("bare") ?? []);
console.log(`synth benchmark: median of ${RUNS} fresh processes each, interleaved, node ${process.version}`);
console.log(`baseline  import @pulumi/pulumi only   ${bare.toFixed(0).padStart(6)} ms`);
let worst = 0;
for (const stack of STACKS) {
    for (const variant of Object.keys(variants)) {
        const elapsed = median(samples.get(`${variant}:${stack}`) ?? []);
        const ratio = elapsed / bare;
        const verdict = variant === "compiled" ? (ratio <= TARGET_RATIO ? "meets" : "MISSES") + ` target <= ${TARGET_RATIO}x` : "(includes TypeScript transpile)";
        if (variant === "compiled") worst = Math.max(worst, ratio);
        console.log(`${stack.padEnd(8)}  ${variant.padEnd(8)}                  ${elapsed.toFixed(0).padStart(6)} ms  ${ratio.toFixed(2)}x  ${verdict}`);
    }
}
console.log(`worst compiled ratio ${worst.toFixed(2)}x (target <= ${TARGET_RATIO}x)`);
