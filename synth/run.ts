import { platformProgram } from "../program";
import { synthesize, type SynthResult } from "./engine";
import { offlineConfig, PROJECT } from "./stack-files";

/** Synthesizes one committed stack: its stack file, secret placeholders (or markers), the real program. */
export function synthStack(stack: string, secrets: Record<string, string> = {}): Promise<SynthResult> {
    const { config, secretKeys } = offlineConfig(stack, secrets);
    return synthesize({ project: PROJECT, stack, config, secretKeys, program: platformProgram });
}
