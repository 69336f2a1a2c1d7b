// Pure: raw stack config values in, a validated PlainStackConfig out, or one error listing every
// problem. No Pulumi imports, so it is unit-tested directly and runs before any resource exists.
import { presets, type Environment } from "./presets";
import { describeIssue, formatValue, unknownKeyMessage, valueAt, type Path } from "./problems";
import { stackConfigSchema, type PlainStackConfig } from "./schema";

/** Which secret config keys are set; their values never reach validation messages. */
export interface SecretPresence {
    greeting: boolean;
    alertmanagerWebhookUrl: boolean;
}

export interface RawStackConfig {
    stackName: string;
    /** Top-level config keys of this project (without the `platform:` prefix), JSON values parsed. */
    values: Record<string, unknown>;
    secrets: SecretPresence;
}

/** The Pulumi project name: every config key of this program is `platform:<key>`. */
export const PROJECT = "platform";
export const SECRET_KEYS = ["greeting", "alertmanagerWebhookUrl"] as const;

/** This project's keys of a Pulumi config map, without the `platform:` prefix; secret keys are left out. */
export function projectValues<T>(config: Record<string, T>): Record<string, T> {
    const prefix = `${PROJECT}:`;
    return Object.fromEntries(
        Object.entries(config)
            .filter(([key]) => key.startsWith(prefix) && !(SECRET_KEYS as readonly string[]).includes(key.slice(prefix.length)))
            .map(([key, value]) => [key.slice(prefix.length), value]),
    );
}
const TOP_LEVEL_KEYS = [...Object.keys(stackConfigSchema.shape), ...SECRET_KEYS];

export class StackConfigError extends Error {
    constructor(
        readonly stackName: string,
        readonly problems: string[],
    ) {
        super(`Stack "${stackName}" has ${problems.length} configuration problem(s); nothing was created:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "StackConfigError";
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Objects merge key by key; arrays and scalars replace. */
export function mergeOverrides(base: unknown, override: unknown): unknown {
    if (override === undefined) return base;
    if (!isPlainObject(base) || !isPlainObject(override)) return override;
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(override)) merged[key] = mergeOverrides(base[key], value);
    return merged;
}

/**
 * The preset to merge onto. A stack that asks for another cluster kind than its preset's starts from the
 * first preset with that kind (e.g. a dev stack on AKS gets the staging cluster shape).
 */
function presetFor(environment: Environment, clusterOverride: unknown) {
    const preset = presets[environment];
    const wantedKind = isPlainObject(clusterOverride) ? clusterOverride.kind : undefined;
    if (wantedKind === undefined || wantedKind === preset.cluster.kind) return preset;
    const donor = Object.values(presets).find((candidate) => candidate.cluster.kind === wantedKind);
    return donor === undefined ? preset : { ...preset, cluster: donor.cluster };
}

function crossFieldProblems(data: unknown, secrets: SecretPresence): string[] {
    const problems: string[] = [];
    const at = (path: Path) => valueAt(data, path);
    const number = (path: Path) => (typeof at(path) === "number" ? (at(path) as number) : undefined);
    const requireOrder = (low: Path, high: Path, what: string) => {
        const lo = number(low);
        const hi = number(high);
        if (lo !== undefined && hi !== undefined && lo > hi) {
            problems.push(`${high.join(".")} = ${hi}: must be at least ${low.join(".")} (${lo}); ${what}`);
        }
    };
    requireOrder(["app", "minReplicas"], ["app", "maxReplicas"], "the autoscaler range would be empty");
    requireOrder(["app", "memoryRequestMiB"], ["app", "memoryLimitMiB"], "a limit below the request is rejected by Kubernetes");
    const clusterKind = at(["cluster", "kind"]);
    if (clusterKind === "aks") {
        requireOrder(["cluster", "userPool", "minCount"], ["cluster", "userPool", "maxCount"], "the node autoscaler range would be empty");
        const systemZones = at(["cluster", "systemPool", "zones"]);
        const systemNodes = number(["cluster", "systemPool", "nodeCount"]);
        if (Array.isArray(systemZones) && systemZones.length > 1 && systemNodes !== undefined && systemNodes < systemZones.length) {
            problems.push(`cluster.systemPool.nodeCount = ${systemNodes}: must be at least the number of zones (${systemZones.length}) so every zone has a system node`);
        }
    }
    if (clusterKind === "kind" && at(["app", "buildLocally"]) === false && String(at(["app", "image"])).startsWith("localhost/")) {
        problems.push(`app.image = ${formatValue(at(["app", "image"]))}: a localhost/ image exists only when app.buildLocally is true`);
    }
    if (clusterKind !== "kind" && at(["app", "buildLocally"]) === true) {
        problems.push(`app.buildLocally = true: only allowed when cluster.kind is "kind" (an AKS cluster pulls images from a registry)`);
    }
    if (at(["app", "delivery"]) === "gitops" && at(["app", "gitops"]) === undefined) {
        problems.push(`app.gitops = (missing): required when app.delivery is "gitops" (set app.gitops.repoUrl and app.gitops.targetRevision)`);
    }
    const receiver = at(["monitoring", "alertReceiver"]);
    if ((receiver === "webhook" || receiver === "slack") && !secrets.alertmanagerWebhookUrl) {
        problems.push(`alertmanagerWebhookUrl = (missing): required when monitoring.alertReceiver is "${String(receiver)}"; set it with \`pulumi config set --secret alertmanagerWebhookUrl <url>\``);
    }
    if (receiver === "slack" && at(["monitoring", "slackChannel"]) === undefined) {
        problems.push(`monitoring.slackChannel = (missing): required when monitoring.alertReceiver is "slack"`);
    }
    return problems;
}

export function resolveStackConfig(raw: RawStackConfig): PlainStackConfig {
    const problems: string[] = [];
    for (const key of Object.keys(raw.values)) {
        if (!TOP_LEVEL_KEYS.includes(key)) problems.push(unknownKeyMessage(key, key, TOP_LEVEL_KEYS));
    }
    // Pulumi.yaml declares `environment` with an empty default, meaning "use the stack name".
    const environment = raw.values.environment === undefined || raw.values.environment === "" ? raw.stackName : raw.values.environment;
    if (typeof environment !== "string" || !(environment in presets)) {
        const how = environment === raw.stackName ? ` (from the stack name; set \`environment\` to pick a preset)` : "";
        problems.push(`environment = ${formatValue(environment)}${how}: must be one of ${Object.keys(presets).map((e) => `"${e}"`).join(", ")}`);
        throw new StackConfigError(raw.stackName, problems);
    }
    const overrides = Object.fromEntries(Object.entries(raw.values).filter(([key]) => key in stackConfigSchema.shape && key !== "environment"));
    const merged = { environment, ...(mergeOverrides(presetFor(environment as Environment, overrides.cluster), overrides) as object) };
    const parsed = stackConfigSchema.safeParse(merged);
    if (!parsed.success) problems.push(...parsed.error.issues.flatMap((issue) => describeIssue(issue, stackConfigSchema, merged)));
    problems.push(...crossFieldProblems(merged, raw.secrets));
    if (problems.length > 0 || !parsed.success) throw new StackConfigError(raw.stackName, problems);
    return parsed.data;
}
