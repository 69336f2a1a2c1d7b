// A scratch copy of this checkout for tests that change stack files or run the CLIs on another project: every
// file git tracks or would track (working-tree content, so uncommitted changes count), with this checkout's
// node_modules linked in. Tests never write to the checkout itself.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "../../synth";

export function scratchCopy(prefix = "scratch-"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const files = execFileSync("git", ["-C", ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" }).split("\0").filter(Boolean);
    for (const file of files) {
        const source = path.join(ROOT, file);
        if (!fs.existsSync(source) || fs.statSync(source).isDirectory()) continue;
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(source, path.join(dir, file));
    }
    fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    return dir;
}

export interface CliRun {
    status: number | null;
    stdout: string;
    stderr: string;
}

/** Runs one of the project's TypeScript CLIs (`synth/cli.ts`, `render/cli.ts`) in `root`, the way npm runs it. */
export function runTsCli(root: string, script: string, args: string[]): CliRun {
    const run = spawnSync(process.execPath, ["--require", "./scripts/ts-register.cjs", path.join(root, script), ...args], { cwd: root, encoding: "utf8", timeout: 120_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A stack trace line as Node prints it. */
export const STACK_TRACE = /^\s+at .+[(:]\d+/m;
