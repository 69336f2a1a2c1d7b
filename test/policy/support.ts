// Runs the policy pack's rules offline: each committed stack's synth plus its rendered GitOps manifests,
// mapped to the plain shape the rules take (the same mapping the pack does with CrossGuard's arguments).
import type { RecordedResource, SynthResult } from "../../synth";
import { revealSecrets } from "../../synth";
import { readStackFile, ROOT } from "../../synth";
import { loadRenderedManifests } from "../../policy/rules";
import { evaluateAll, resolveEnvironment, type PlainResource, type RuleContext } from "../../policy/rules";

function toPlain(resource: RecordedResource): PlainResource {
    return { type: resource.type, name: resource.name, props: revealSecrets(resource.inputs) as Record<string, unknown>, protect: resource.options.protect, urn: resource.urn };
}

/** The environment the pack would judge this stack as (no pack config: stack config, else stack name). */
export function stackContext(stack: string, root = ROOT): RuleContext {
    const configured = readStackFile(stack, root).config["platform:environment"];
    return { environment: resolveEnvironment({ stackConfig: typeof configured === "string" ? configured : undefined, stackName: stack }) };
}

export function renderedManifests(stack: string, root = ROOT): PlainResource[] {
    return loadRenderedManifests(root, stack);
}

/** What the pack sees for a stack: every registered resource plus the rendered manifests. */
export function policyInput(result: SynthResult, root = ROOT): PlainResource[] {
    return [...result.resources.map(toPlain), ...renderedManifests(result.stack, root)];
}

/** Mandatory findings of the pack over a stack's synth and rendered manifests, as `[rule] message`. */
export function mandatoryFindings(result: SynthResult, root = ROOT): string[] {
    return evaluateAll(policyInput(result, root), stackContext(result.stack, root))
        .filter((finding) => finding.level === "mandatory")
        .map((finding) => `[${finding.rule}] ${finding.message}`);
}
