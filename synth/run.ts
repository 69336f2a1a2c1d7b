import { platformProgram } from "../program";
import { synthesize, type SynthResult } from "./engine";
import { offlineConfig, PROJECT, ROOT } from "./stack-files";

/** Synthesizes one committed stack: its stack file, secret placeholders (or markers), the real program. */
export async function synthStack(stack: string, secrets: Record<string, string> = {}, root = ROOT): Promise<SynthResult> {
    const { config, secretKeys } = offlineConfig(stack, secrets, root);
    return synthesize({ project: PROJECT, stack, config, secretKeys, program: platformProgram });
}
