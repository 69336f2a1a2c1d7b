// The CrossGuard policy pack: adapts the pure rules in ./rules to Pulumi's policy API.
//   pulumi preview --stack <stack> --policy-pack policy
// Rules that look at Kubernetes workloads run as stack policies over the stack's resources plus the
// rendered GitOps manifests in deploy/<stack>/, which Argo CD applies and Pulumi never registers.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { PolicyPack, type PolicyConfigSchema, type PolicyResource, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { loadRenderedManifests, manifestRoot } from "./manifests";
import { ENVIRONMENT_TRAITS, evaluate, gitopsFolders, resolveEnvironment, RULES, type PlainResource, type Rule, type RuleContext } from "./rules";

/** deploy/ in the pack itself (published) or in the repository around it (a checkout). */
const MANIFEST_ROOT = manifestRoot(path.resolve(__dirname));

interface EnvironmentConfig {
    environment?: string;
}

const ENVIRONMENT_SCHEMA: PolicyConfigSchema = {
    properties: {
        environment: {
            type: "string",
            enum: Object.keys(ENVIRONMENT_TRAITS),
            description: "Environment to judge the stack as. Unset: the stack's platform:environment config, else the stack name (as the program resolves it).",
        },
    },
};

function contextFor(config: EnvironmentConfig): RuleContext {
    // The CLI hands a policy pack the stack name and the stack's config (PULUMI_NODEJS_STACK, PULUMI_CONFIG).
    const environment = resolveEnvironment({ policyConfig: config.environment, stackConfig: pulumi.runtime.getConfig("platform:environment"), stackName: pulumi.getStack() });
    return { environment };
}

const loaded = new Map<string, PlainResource[]>();
/** The rendered manifests of deploy/<stack> and of every folder the stack's Argo CD Applications sync. */
function renderedManifests(resources: readonly PlainResource[]): PlainResource[] {
    const stacks = new Set([pulumi.getStack(), ...gitopsFolders(resources).map((folder) => folder.slice("deploy/".length))]);
    return [...stacks].flatMap((stack) => {
        if (!loaded.has(stack)) loaded.set(stack, loadRenderedManifests(MANIFEST_ROOT, stack));
        return loaded.get(stack) ?? [];
    });
}

function plain(resource: PolicyResource): PlainResource {
    return { type: resource.type, name: resource.name, props: resource.props, protect: resource.opts.protect, urn: resource.urn };
}

function toPolicy(rule: Rule): ResourceValidationPolicy | StackValidationPolicy {
    const base = { name: rule.id, description: rule.description, enforcementLevel: rule.level, ...(rule.dependsOnEnvironment ? { configSchema: ENVIRONMENT_SCHEMA } : {}) };
    if (rule.scope === "resource" && !rule.gitops) {
        return {
            ...base,
            validateResource: (args, reportViolation) => {
                const resource = { type: args.type, name: args.name, props: args.props, protect: args.opts.protect, urn: args.urn };
                for (const message of rule.check(resource, contextFor(args.getConfig<EnvironmentConfig>()))) reportViolation(message);
            },
        };
    }
    return {
        ...base,
        validateStack: (args, reportViolation) => {
            const stackResources = args.resources.map(plain);
            const resources = [...stackResources, ...renderedManifests(stackResources)];
            for (const finding of evaluate(rule, resources, contextFor(args.getConfig<EnvironmentConfig>()))) reportViolation(finding.message, finding.resource?.urn);
        },
    };
}

new PolicyPack("platform-guardrails", {
    description: "Guardrails for the platform project: Pod Security restricted workloads, disruption budgets, network isolation, pinned Helm charts, AKS identity and Key Vault recovery.",
    policies: RULES.map(toPolicy),
});
