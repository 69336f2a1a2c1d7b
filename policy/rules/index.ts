// The rule catalogue and one way to run it, shared by the policy pack (policy/index.ts) and the offline
// tests that run every rule over each stack's synth (test/policy/).
import { azureRules } from "./azure";
import { deliveryRules } from "./delivery";
import { gitopsRules } from "./gitops";
import { isolationRules } from "./isolation";
import type { Level, PlainResource, Rule, RuleContext } from "./model";
import { workloadRules } from "./workload";

export * from "./model";

export const RULES: readonly Rule[] = [...workloadRules, ...isolationRules, ...deliveryRules, ...gitopsRules, ...azureRules];

export interface Finding {
    rule: string;
    level: Level;
    message: string;
    /** The resource a resource rule judged; stack rules name theirs in the message. */
    resource?: PlainResource;
}

export function evaluate(rule: Rule, resources: readonly PlainResource[], context: RuleContext): Finding[] {
    const finding = (message: string, resource?: PlainResource): Finding => ({ rule: rule.id, level: rule.level, message, ...(resource ? { resource } : {}) });
    if (rule.scope === "stack") return rule.check(resources, context).map((message) => finding(message));
    return resources.flatMap((resource) => rule.check(resource, context).map((message) => finding(message, resource)));
}

export function evaluateAll(resources: readonly PlainResource[], context: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
    return rules.flatMap((rule) => evaluate(rule, resources, context));
}

/** @internal */
export { isExactVersion } from "./delivery";
/** @internal */
export { appNamespaces, isDefaultDeny } from "./isolation";
/** @internal */
export { loadRenderedManifests, manifestRoot, parseManifests } from "../manifests";
export { gitopsFolders } from "./gitops";
/** @internal */
export { unpinnedImage } from "./workload";
