// Shared by the stack tests: each committed stack is synthesized once per test run, with marker values
// in place of the secret config so tests can prove where secrets go (and where they never go).
import type { RecordedResource, SynthResult } from "../../synth";
export { dependencyNames } from "../../synth";
import { synthStack } from "../../synth";
import { STACKS } from "../../synth";

export { STACKS };

export const SECRET_MARKERS = {
    "platform:greeting": "MARKER-GREETING-5f1c2a",
    "platform:alertmanagerWebhookUrl": "https://hooks.example.invalid/MARKER-WEBHOOK-9d3e7b",
    "platform:alertmanagerPageKey": "MARKER-PAGE-KEY-41c0e2",
    "platform:alertmanagerHeartbeatUrl": "https://heartbeat.example.invalid/MARKER-HEARTBEAT-7a2f19",
};
export const MARKER_VALUES = Object.values(SECRET_MARKERS);

const cache = new Map<string, Promise<SynthResult>>();

export function synthOnce(stack: string): Promise<SynthResult> {
    let run = cache.get(stack);
    if (run === undefined) {
        run = synthStack(stack, SECRET_MARKERS);
        cache.set(stack, run);
    }
    return run;
}

export function byType(result: SynthResult, type: string): RecordedResource[] {
    return result.resources.filter((resource) => resource.type === type);
}

export function one(result: SynthResult, type: string, name?: string): RecordedResource {
    const found = byType(result, type).filter((resource) => name === undefined || resource.name === name);
    if (found.length !== 1) throw new Error(`expected exactly one ${type}${name ? ` named ${name}` : ""} in ${result.stack}, found ${found.length}`);
    return found[0];
}
