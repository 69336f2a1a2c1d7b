// The plain shapes every rule works on, and small readers for untyped resource inputs. No imports beyond
// the language: the root tests load these modules directly, and the policy pack adapts them to CrossGuard.

/** One resource (or one rendered GitOps manifest) as a rule sees it. */
export interface PlainResource {
    /** Pulumi type token, e.g. `kubernetes:apps/v1:Deployment` or `azure-native:keyvault:Vault`. */
    type: string;
    /** Pulumi logical name, or the repo-relative file of a rendered manifest (`deploy/prod/deployment.yaml`). */
    name: string;
    /** Resource inputs (or the manifest object). */
    props: Record<string, unknown>;
    /** The `protect` resource option; always false for rendered manifests. */
    protect: boolean;
    /** Set for Pulumi resources so the pack can point a violation at the resource. */
    urn?: string;
}

/** What a rule may know about the stack beyond its resources. */
export interface RuleContext {
    /** Preset name: "dev", "staging" or "prod" (see `resolveEnvironment`). */
    environment: string;
}

export type Level = "mandatory" | "advisory";

interface RuleInfo {
    /** Policy name in the pack and in `--policy-pack-config`. */
    id: string;
    level: Level;
    /** One line: what the rule requires and why. */
    description: string;
    /** The verdict depends on the environment (prod-only checks, "outside dev"); the pack makes it configurable. */
    dependsOnEnvironment?: boolean;
}

/** Judges one resource at a time; returns one message per problem (empty when compliant). */
export interface ResourceRule extends RuleInfo {
    scope: "resource";
    /** Also applies to rendered GitOps manifests, so the pack runs it over the whole stack. */
    gitops: boolean;
    check(resource: PlainResource, context: RuleContext): string[];
}

/** Judges relations between resources (a NetworkPolicy per namespace, a PDB per Deployment...). */
export interface StackRule extends RuleInfo {
    scope: "stack";
    check(resources: readonly PlainResource[], context: RuleContext): string[];
}

export type Rule = ResourceRule | StackRule;

/** What an environment promises beyond its sizing; the rules read these traits, never an environment's name. */
export interface EnvironmentTraits {
    /** Serves users: the production-only rules apply (zones, local accounts off, purge protection, protect). */
    production: boolean;
    /** One replica is acceptable (a laptop cluster): the HPA minimum of 2 does not apply. */
    singleReplicaAllowed: boolean;
}

/**
 * The program's environment presets and their traits: the same table as stacks/presets.ts ENVIRONMENT_TRAITS
 * (this pack is published on its own and imports nothing from the program; a test checks the two agree).
 */
export const ENVIRONMENT_TRAITS: Record<string, EnvironmentTraits> = {
    dev: { production: false, singleReplicaAllowed: true },
    staging: { production: false, singleReplicaAllowed: false },
    prod: { production: true, singleReplicaAllowed: false },
};

/** An environment the table does not know (the program refuses it) is judged as a shared, non-production one. */
const UNKNOWN_ENVIRONMENT: EnvironmentTraits = { production: false, singleReplicaAllowed: false };

export function traitsOf(context: RuleContext): EnvironmentTraits {
    return Object.hasOwn(ENVIRONMENT_TRAITS, context.environment) ? ENVIRONMENT_TRAITS[context.environment] : UNKNOWN_ENVIRONMENT;
}

export function isProduction(context: RuleContext): boolean {
    return traitsOf(context).production;
}

/**
 * The environment a stack runs as, resolved like stacks/resolve.ts does for the program (the `environment`
 * config key, empty meaning the stack name), with an explicit policy-pack setting taking precedence.
 */
export function resolveEnvironment(sources: { policyConfig?: string; stackConfig?: string; stackName: string }): string {
    const explicit = [sources.policyConfig, sources.stackConfig].find((value) => value !== undefined && value !== "");
    return explicit ?? sources.stackName;
}

// ---- readers for untyped JSON ----

export type Json = Record<string, unknown>;

export function isRecord(value: unknown): value is Json {
    return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** The value at a property path, or undefined when any step is missing. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
    let current = value;
    for (const key of path) {
        if (Array.isArray(current) && typeof key === "number") current = current[key];
        else if (isRecord(current) && typeof key === "string") current = current[key];
        else return undefined;
    }
    return current;
}

export function record(value: unknown): Json {
    return isRecord(value) ? value : {};
}

export function list(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

export function text(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** Renders a value for a message: strings quoted, missing values as "unset". */
export function show(value: unknown): string {
    return value === undefined ? "unset" : JSON.stringify(value);
}

// ---- Kubernetes objects ----

/** Pulumi types that carry a Kubernetes object (typed resources, CustomResources, rendered manifests). */
function isKubernetesObject(resource: PlainResource): boolean {
    return resource.type.startsWith("kubernetes:") && !resource.type.startsWith("kubernetes:helm.sh/") && !resource.type.startsWith("kubernetes:yaml") && !resource.type.startsWith("kubernetes:kustomize");
}

/** The object's kind (e.g. "Deployment"), read from the object or else from the type token. */
export function kindOf(resource: PlainResource): string | undefined {
    if (!isKubernetesObject(resource)) return undefined;
    return text(resource.props.kind) ?? resource.type.split(":").pop();
}

/** API group of the object ("" for the core group), from `apiVersion`. */
export function groupOf(resource: PlainResource): string {
    const apiVersion = text(resource.props.apiVersion) ?? resource.type.split(":")[1] ?? "";
    return apiVersion.includes("/") ? apiVersion.split("/")[0].replace(/^core$/, "") : "";
}

export function isKind(resource: PlainResource, kind: string, group = ""): boolean {
    return kindOf(resource) === kind && groupOf(resource) === group;
}

export function metadataName(resource: PlainResource): string {
    return text(at(resource.props, "metadata", "name")) ?? resource.name;
}

/** Namespace of a namespaced object; the provider's default namespace when unset. */
export function namespaceOf(resource: PlainResource): string {
    return text(at(resource.props, "metadata", "namespace")) ?? "default";
}

/** `Deployment "app-deployment"`: how messages name a resource. */
export function label(resource: PlainResource): string {
    return `${kindOf(resource) ?? resource.type} "${resource.name}"`;
}

/** Pulumi type token for a Kubernetes object, as the provider registers it (`v1` is `core/v1`). */
export function kubernetesType(apiVersion: string, kind: string): string {
    return `kubernetes:${apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`}:${kind}`;
}

const POD_TEMPLATE_PATHS: Record<string, string[]> = {
    Deployment: ["spec", "template"],
    StatefulSet: ["spec", "template"],
    DaemonSet: ["spec", "template"],
    ReplicaSet: ["spec", "template"],
    Job: ["spec", "template"],
    CronJob: ["spec", "jobTemplate", "spec", "template"],
    Pod: [],
};

/** Kinds that run long-lived pods and so need probes and a disruption budget story. */
export const SERVING_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Pod"]);

export interface PodTemplate {
    kind: string;
    labels: Json;
    spec: Json;
}

/** The pod template of a workload object (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod). */
export function podTemplate(resource: PlainResource): PodTemplate | undefined {
    const kind = kindOf(resource);
    if (kind === undefined || !(kind in POD_TEMPLATE_PATHS)) return undefined;
    const expectedGroup = kind === "Pod" ? "" : kind === "Job" || kind === "CronJob" ? "batch" : "apps";
    if (groupOf(resource) !== expectedGroup) return undefined;
    const template = at(resource.props, ...POD_TEMPLATE_PATHS[kind]);
    return { kind, labels: record(at(template, "metadata", "labels")), spec: record(at(template, "spec")) };
}

export interface Container {
    /** `container "app"` or `init container "migrate"`. */
    label: string;
    init: boolean;
    spec: Json;
}

export function containers(pod: PodTemplate): Container[] {
    const named = (items: unknown, init: boolean): Container[] =>
        list(items)
            .filter(isRecord)
            .map((spec) => ({ spec, init, label: `${init ? "init container" : "container"} ${show(spec.name)}` }));
    return [...named(pod.spec.initContainers, true), ...named(pod.spec.containers, false)];
}

/** True when a label selector (matchLabels + matchExpressions) selects pods with these labels. */
export function selectorMatches(selector: unknown, labels: Json): boolean {
    if (!isRecord(selector)) return false;
    const matchLabels = record(selector.matchLabels);
    if (!Object.entries(matchLabels).every(([key, value]) => labels[key] === value)) return false;
    return list(selector.matchExpressions).every((expression) => {
        const key = text(at(expression, "key")) ?? "";
        const values = list(at(expression, "values"));
        const present = key in labels;
        switch (at(expression, "operator")) {
            case "In":
                return present && values.includes(labels[key]);
            case "NotIn":
                return !present || !values.includes(labels[key]);
            case "Exists":
                return present;
            case "DoesNotExist":
                return !present;
            default:
                return false;
        }
    });
}
