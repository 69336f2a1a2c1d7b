// Argument parsing and error reporting shared by `npm run synth` and `npm run render`: strict flags (an
// unknown flag or stack is a usage error, exit 2, never "do everything"), and user errors printed as one
// clear message naming the file or key, without a stack trace. A stack trace is kept for real bugs.
import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import { StackConfigError } from "../stacks";
import { SynthError } from "./engine";
import { StackFileError } from "./stack-files";

/** Bad command line: printed with the usage, exit code 2. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** Something the user can fix (a flag, a stack file, a git ref): printed without a stack trace. */
export class UserError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UserError";
    }
}

export interface ParsedArgs {
    /** The stacks to work on: the one named by --stack, else every stack. */
    stacks: string[];
    /** Git ref to compare with (synth only). */
    diff?: string;
    help: boolean;
}

/**
 * Parses `--stack <name>` / `--stack=<name>`, `--help` and (when `allowDiff`) `--diff <ref>`. `known` are the
 * discovered stacks; naming another one is a usage error.
 */
export function parseCliArgs(argv: string[], known: readonly string[], allowDiff: boolean): ParsedArgs {
    const options: ParseArgsOptionsConfig = { stack: { type: "string" }, help: { type: "boolean", short: "h" } };
    if (allowDiff) options.diff = { type: "string" };
    let values: { stack?: string; help?: boolean; diff?: string };
    try {
        ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }) as { values: typeof values });
    } catch (error) {
        // parseArgs names the flag ("Unknown option '--stak'", "Option '--stack <value>' argument missing").
        throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    if (values.help) return { stacks: [], help: true };
    if (values.stack !== undefined && !known.includes(values.stack)) {
        throw new UsageError(`--stack ${JSON.stringify(values.stack)}: no such stack; stacks (from Pulumi.<stack>.yaml): ${known.join(", ")}`);
    }
    if (values.diff !== undefined && (values.diff === "" || values.diff.startsWith("-"))) {
        throw new UsageError(`--diff ${JSON.stringify(values.diff)}: needs a git ref (a branch, tag or commit), e.g. --diff main`);
    }
    return { stacks: values.stack !== undefined ? [values.stack] : [...known], diff: values.diff, help: false };
}

/** True for an error the user can fix from its message alone. */
function isUserError(error: unknown): boolean {
    if (error instanceof SynthError) return isUserError(error.cause);
    return error instanceof UserError || error instanceof StackFileError || error instanceof StackConfigError;
}

/**
 * Runs a CLI's main: usage errors print the message and the usage and exit 2; user errors print the message
 * and exit 1; anything else is a bug and prints its stack trace.
 */
export function runCli(main: () => Promise<void> | void, usage: string): void {
    Promise.resolve()
        .then(main)
        .catch((error: unknown) => {
            if (error instanceof UsageError) {
                console.error(`error: ${error.message}\n\n${usage}`);
                process.exit(2);
            }
            console.error(isUserError(error) ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error));
            process.exit(1);
        });
}
