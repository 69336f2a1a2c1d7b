// `npm run synth -- --diff <ref>`: the offline synth of the working tree against the same synth of a git ref,
// as one unified diff of the out/ trees (what the fork-PR comment shows). The ref is extracted with
// `git archive` into a temporary folder that borrows this checkout's node_modules, and both sides run through
// this checkout's engine and writer, so the diff shows what the program and stack files change, not how
// an older synth formatted its files.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "./cli-args";
import type { SynthRequest } from "./engine";
import { synthStack } from "./run";
import { discoverStacks, ROOT } from "./stack-files";
import { writeSynth } from "./write";

const WORKING_TREE = "working-tree";

function git(root: string, args: string[]): string {
    return execFileSync("git", ["-C", root, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** The commit a ref names, or a user error saying so. */
function resolveRef(ref: string, root = ROOT): string {
    try {
        return git(root, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
    } catch {
        throw new UserError(`--diff ${JSON.stringify(ref)}: not a commit in ${root} (try a branch, tag or commit id: git log --oneline)`);
    }
}

/** Extracts a commit's tree into `dir` and links this checkout's node_modules into it. */
function checkoutRef(commit: string, dir: string, root = ROOT): void {
    fs.mkdirSync(dir, { recursive: true });
    const tar = path.join(path.dirname(dir), `${path.basename(dir)}.tar`);
    git(root, ["archive", "--format=tar", "-o", tar, commit]);
    execFileSync("tar", ["-xf", tar, "-C", dir]);
    fs.rmSync(tar);
    const link = path.join(dir, "node_modules");
    fs.rmSync(link, { recursive: true, force: true });
    fs.symlinkSync(path.join(root, "node_modules"), link, "dir");
}

/** The ref's program, loaded through the same @pulumi/pulumi instance (the node_modules link resolves to it). */
function loadProgram(dir: string, ref: string): SynthRequest["program"] {
    const file = path.join(dir, "program.ts");
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a program chosen at run time, loaded like Pulumi loads it
    const loaded = fs.existsSync(file) ? (require(file) as { platformProgram?: SynthRequest["program"] }) : {};
    if (typeof loaded.platformProgram !== "function") throw new UserError(`--diff: ${ref} has no program.ts exporting platformProgram, which this synth runs`);
    return loaded.platformProgram;
}

/** Synthesizes `stacks` of the project at `root` into `outRoot`; a stack that fails leaves its message instead. */
async function synthInto(stacks: string[], root: string, outRoot: string, program: SynthRequest["program"], log: (line: string) => void): Promise<void> {
    const present = new Set(discoverStacks(root));
    for (const stack of stacks) {
        if (!present.has(stack)) continue;
        try {
            const result = await synthStack(stack, {}, root, program);
            writeSynth(result, outRoot, root);
            log(`  ${path.basename(outRoot)} ${stack}: ${result.resources.length - 1} resources`);
        } catch (error) {
            const dir = path.join(outRoot, stack);
            fs.mkdirSync(dir, { recursive: true });
            fs.writeFileSync(path.join(dir, "SYNTH-FAILED.txt"), `${error instanceof Error ? error.message : String(error)}\n`);
            log(`  ${path.basename(outRoot)} ${stack}: synth FAILED (see SYNTH-FAILED.txt in the diff)`);
        }
    }
}

/** `diff -ruN left right` of two written out/ trees under `dir`: empty when they are the same. */
export function diffOutTrees(dir: string, left: string, right: string): string {
    for (const side of [left, right]) fs.mkdirSync(path.join(dir, side), { recursive: true });
    const run = spawnSync("diff", ["-ruN", left, right], { cwd: dir, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    if (run.error !== undefined || (run.status ?? 2) > 1) throw new Error(`diff failed: ${run.error?.message ?? run.stderr}`);
    return run.stdout;
}

export interface SynthDiff {
    commit: string;
    stacks: string[];
    /** `diff -ruN <ref> working-tree` of the out/ trees; empty when nothing differs. */
    diff: string;
}

/**
 * The diff between `ref` and the working tree, for `only` (default: every stack either side has). Progress goes
 * to `log`; the temporary folder is removed afterwards.
 */
export async function synthDiff(ref: string, only: string[] | undefined, log: (line: string) => void, root = ROOT): Promise<SynthDiff> {
    const commit = resolveRef(ref, root);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "synth-diff-"));
    try {
        const refDir = path.join(tmp, "src");
        log(`synth --diff: extracting ${ref} (${commit.slice(0, 12)}) with git archive`);
        checkoutRef(commit, refDir, root);
        const stacks = only ?? [...new Set([...discoverStacks(refDir), ...discoverStacks(root)])];
        const refLabel = ref.replace(/[^A-Za-z0-9._-]/g, "_");
        const side = refLabel === WORKING_TREE ? `${refLabel}-ref` : refLabel;
        log(`synth --diff: ${stacks.join(", ")}`);
        await synthInto(stacks, refDir, path.join(tmp, side), loadProgram(refDir, ref), log);
        // The working tree's program is this checkout's own (the same module) unless `root` is another project.
        await synthInto(stacks, root, path.join(tmp, WORKING_TREE), loadProgram(root, "the working tree"), log);
        return { commit, stacks, diff: diffOutTrees(tmp, side, WORKING_TREE) };
    } finally {
        fs.rmSync(tmp, { recursive: true, force: true });
    }
}
