import { platformProgram } from "../program";
import { synthesize, type SynthRequest, type SynthResult } from "./engine";
import { PROJECT } from "../stacks";
import { offlineConfig, ROOT } from "./stack-files";

/**
 * Synthesizes one stack of the project at `root`: its stack file, secret placeholders (or markers), and the
 * program (this checkout's unless another is given, e.g. a git ref's for `--diff`).
 */
export async function synthStack(
    stack: string,
    secrets: Record<string, string> = {},
    root = ROOT,
    program: SynthRequest["program"] = platformProgram,
    runner?: SynthRequest["runner"],
): Promise<SynthResult> {
    const { config, secretKeys } = offlineConfig(stack, secrets, root);
    return synthesize({ project: PROJECT, stack, config, secretKeys, program, runner });
}
