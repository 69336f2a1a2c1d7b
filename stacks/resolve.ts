// Pure: raw stack config values in, a validated PlainStackConfig out, or one error listing every
// problem. No Pulumi imports, so it is unit-tested directly and runs before any resource exists.
import { kubernetesEndOfLife, minorOf, supportedMinors, type Platform } from "../versions";
import { ENVIRONMENT_TRAITS, presets, type Environment } from "./presets";
import { describeIssue, formatValue, unknownKeyMessage, valueAt, type Path } from "./problems";
import { stackConfigSchema, type PlainStackConfig } from "./schema";
import { LATENCY_TARGETS_MS, MIN_SLO_TARGET } from "./slo";

/**
 * Secret config keys. Pulumi.yaml declares each with an empty default (Pulumi refuses defaults on keys declared
 * `secret: true`, and a declared key without a default is required on every stack), so the program itself
 * insists that a set value is encrypted. Empty means unset.
 */
export const SECRET_KEYS = ["greeting", "alertmanagerWebhookUrl", "alertmanagerPageKey", "alertmanagerHeartbeatUrl", "registryPassword", "gitopsRepoToken"] as const;
export type SecretKey = (typeof SECRET_KEYS)[number];

/** How each secret key is set: its value never reaches validation, so it cannot leak into a message. */
type SecretState = "unset" | "secret" | "plain";
export type SecretPresence = Record<SecretKey, SecretState>;

export interface RawStackConfig {
    stackName: string;
    /** Top-level config keys of this project (without the `platform:` prefix), JSON values parsed. */
    values: Record<string, unknown>;
    secrets: SecretPresence;
    /** The day support is judged on (default: now); tests fix it. */
    today?: Date;
    /**
     * Pairs of alert destination secrets that hold the same value (only the fact, never the values): pages and
     * tickets sent to one place wake nobody or page for every ticket.
     */
    equalSecrets?: [SecretKey, SecretKey][];
}

/** The secret of each alert destination, for the rule that they differ. */
export const DESTINATION_SECRETS = { ticket: "alertmanagerWebhookUrl", page: "alertmanagerPageKey", heartbeat: "alertmanagerHeartbeatUrl" } as const satisfies Record<string, SecretKey>;

/** The Pulumi project name: every config key of this program is `platform:<key>`. */
export const PROJECT = "platform";

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

/** How to set a secret, for messages: in the stack's ESC secrets environment (staging, prod) or its stack file. */
function secretFix(key: SecretKey, stackName: string): string {
    return `set it encrypted: \`esc env set <org>/${PROJECT}/${stackName}-secrets pulumiConfig.${key} '<value>' --secret\` where the stack imports that environment, else \`pulumi config set --secret ${key} '<value>'\``;
}

function secretProblems(secrets: SecretPresence, stackName: string): string[] {
    return SECRET_KEYS.filter((key) => secrets[key] === "plain").map((key) => `${key} = (plain text): secret config must be encrypted; ${secretFix(key, stackName)}`);
}

function crossFieldProblems(data: unknown, secrets: SecretPresence, stackName: string): string[] {
    const problems: string[] = [];
    const requireSecret = (key: SecretKey, why: string) => {
        if (secrets[key] === "unset") problems.push(`${key} = (missing): required when ${why}; ${secretFix(key, stackName)}`);
    };
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
        const channel = at(["cluster", "upgradeChannel"]);
        if ((channel === "stable" || channel === "rapid") && at(["cluster", "kubernetesVersion"]) !== undefined) {
            problems.push(
                `cluster.kubernetesVersion = ${formatValue(at(["cluster", "kubernetesVersion"]))}: must be unset when cluster.upgradeChannel is "${channel}" (the channel owns the version; a pinned one would ask AKS for a downgrade after each upgrade)`,
            );
        }
        if (at(["cluster", "deployerPrincipalId"]) === undefined) {
            problems.push(
                `cluster.deployerPrincipalId = (missing): required on AKS: the object id of the service principal that deploys this stack (granted cluster admin); find it with \`az ad sp show --id <deploy app client id> --query id -o tsv\``,
            );
        }
        const groups = at(["cluster", "adminGroupObjectIds"]);
        if (at(["cluster", "disableLocalAccounts"]) === true && Array.isArray(groups) && groups.length === 0) {
            problems.push(`cluster.adminGroupObjectIds = []: must name at least one Entra ID group when cluster.disableLocalAccounts is true, or no person can use kubectl on the cluster`);
        }
    }
    if (at(["argocd", "ha"]) === true) {
        for (const key of ["serverReplicas", "repoServerReplicas", "applicationSetReplicas"]) {
            const replicas = number(["argocd", key]);
            if (replicas !== undefined && replicas < 2) problems.push(`argocd.${key} = ${replicas}: must be at least 2 when argocd.ha is true`);
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
    if (at(["app", "imagePull"]) === "private") {
        if (at(["app", "registryUsername"]) === undefined) problems.push(`app.registryUsername = (missing): required when app.imagePull is "private"`);
        requireSecret("registryPassword", `app.imagePull is "private"`);
    }
    if (at(["app", "gitops", "repoAccess"]) === "private") requireSecret("gitopsRepoToken", `app.gitops.repoAccess is "private"`);
    problems.push(...alertingProblems(data, requireSecret));
    return problems;
}

/** Receivers, destinations and SLO targets: what decides whether an outage reaches the right person. */
function alertingProblems(data: unknown, requireSecret: (key: SecretKey, why: string) => void): string[] {
    const problems: string[] = [];
    const at = (path: Path) => valueAt(data, path);
    const environment = at(["environment"]) as Environment;
    const production = ENVIRONMENT_TRAITS[environment].production;
    const ticket = at(["monitoring", "ticketReceiver"]);
    const page = at(["monitoring", "pageReceiver"]);
    const heartbeat = at(["monitoring", "heartbeatReceiver"]);
    if (ticket === "webhook" || ticket === "slack") requireSecret(DESTINATION_SECRETS.ticket, `monitoring.ticketReceiver is "${String(ticket)}"`);
    if (ticket === "slack" && at(["monitoring", "slackChannel"]) === undefined) {
        problems.push(`monitoring.slackChannel = (missing): required when monitoring.ticketReceiver is "slack"`);
    }
    if (page === "pagerduty" || page === "opsgenie" || page === "webhook") requireSecret(DESTINATION_SECRETS.page, `monitoring.pageReceiver is "${String(page)}"`);
    if (heartbeat === "webhook") requireSecret(DESTINATION_SECRETS.heartbeat, `monitoring.heartbeatReceiver is "webhook"`);
    if (production) {
        if (page === "none") problems.push(`monitoring.pageReceiver = "none": a ${environment} stack must page a person; set "pagerduty", "opsgenie" or "webhook" and the secret ${DESTINATION_SECRETS.page}`);
        if (ticket === "none") problems.push(`monitoring.ticketReceiver = "none": a ${environment} stack must open tickets somewhere other than its pages; set "slack" or "webhook" and the secret ${DESTINATION_SECRETS.ticket}`);
        if (heartbeat === "none") problems.push(`monitoring.heartbeatReceiver = "none": a ${environment} stack needs a dead man's switch; set "webhook" and the secret ${DESTINATION_SECRETS.heartbeat} (a heartbeat check URL)`);
    }
    const sloTarget = at(["app", "sloTarget"]);
    if (typeof sloTarget === "number" && sloTarget < MIN_SLO_TARGET) {
        problems.push(`app.sloTarget = ${sloTarget}: must be at least ${MIN_SLO_TARGET.toFixed(4)}; below it the fastest burn-rate page (1 h window) cannot fire even when every request fails`);
    }
    const latency = at(["app", "latencyP99TargetMs"]);
    if (typeof latency === "number" && !LATENCY_TARGETS_MS.includes(latency)) {
        problems.push(`app.latencyP99TargetMs = ${latency}: must be a bucket boundary of the service's latency histogram (app/src/latency-buckets.ts), one of ${LATENCY_TARGETS_MS.join(", ")}; between boundaries the p99 cannot be measured`);
    }
    return problems;
}

/**
 * A pinned Kubernetes minor must be in community support on `today`: AKS's calendar for `kubernetesVersion`
 * (after it AKS serves the minor only under Long-Term Support, on the Premium tier, and refuses to create it on
 * other tiers), upstream's for the kind node image. Dates: versions/support-calendar.json.
 */
function minorSupportProblems(data: unknown, today: Date): string[] {
    const pinned: Array<{ path: Path; platform: Platform }> = [
        { path: ["cluster", "kubernetesVersion"], platform: "aks" },
        { path: ["cluster", "nodeImage"], platform: "upstream" },
    ];
    return pinned.flatMap(({ path, platform }) => {
        const value = valueAt(data, path);
        const minor = typeof value === "string" ? minorOf(value) : undefined;
        if (minor === undefined) return [];
        const supported = supportedMinors(platform, today);
        if (supported.includes(minor)) return [];
        const lastDay = kubernetesEndOfLife(minor, platform);
        const calendar = platform === "aks" ? "AKS community support" : "upstream support";
        const why = lastDay !== undefined && lastDay < today.toISOString().slice(0, 10) ? `left ${calendar} on ${lastDay}` : `is not in ${calendar} on ${today.toISOString().slice(0, 10)}`;
        const fix = platform === "aks" ? "; or leave it unset and let cluster.upgradeChannel own the version" : "";
        return [`${path.join(".")} = ${formatValue(value)}: Kubernetes ${minor} ${why}; must be one of the supported minors ${supported.join(", ")}${fix}`];
    });
}

const ENVIRONMENTS = Object.keys(presets) as Environment[];

function isEnvironment(value: unknown): value is Environment {
    return typeof value === "string" && (ENVIRONMENTS as string[]).includes(value);
}

/** The stack's overrides merged onto one preset, parsed, and checked by every cross-field and secret rule. */
function validate(environment: Environment, overrides: Record<string, unknown>, raw: RawStackConfig) {
    const merged = { environment, ...(mergeOverrides(presetFor(environment, overrides.cluster), overrides) as object) };
    const parsed = stackConfigSchema.safeParse(merged);
    const problems = parsed.success ? [] : parsed.error.issues.flatMap((issue) => describeIssue(issue, stackConfigSchema, merged));
    problems.push(
        ...crossFieldProblems(merged, raw.secrets, raw.stackName),
        ...minorSupportProblems(merged, raw.today ?? new Date()),
        ...sharedDestinationProblems(merged, raw.equalSecrets ?? []),
        ...secretProblems(raw.secrets, raw.stackName),
    );
    return { parsed, problems };
}

/** Destinations that must differ on a production stack, stated once per pair the loader found equal. */
function sharedDestinationProblems(data: unknown, equalSecrets: [SecretKey, SecretKey][]): string[] {
    const environment = valueAt(data, ["environment"]) as Environment;
    if (!ENVIRONMENT_TRAITS[environment].production) return [];
    return equalSecrets.map(([a, b]) => `${a} = (same value as ${b}): a ${environment} stack must send pages, tickets and heartbeats to different destinations; give each its own integration or URL`);
}

export function resolveStackConfig(raw: RawStackConfig): PlainStackConfig {
    const problems: string[] = [];
    for (const key of Object.keys(raw.values)) {
        if (!TOP_LEVEL_KEYS.includes(key)) problems.push(unknownKeyMessage(key, key, TOP_LEVEL_KEYS));
    }
    // Pulumi.yaml declares `environment` with an empty default, meaning "use the stack name".
    const environment = raw.values.environment === undefined || raw.values.environment === "" ? raw.stackName : raw.values.environment;
    const overrides = Object.fromEntries(Object.entries(raw.values).filter(([key]) => key in stackConfigSchema.shape && key !== "environment"));
    if (!isEnvironment(environment)) {
        const how = environment === raw.stackName ? ` (from the stack name; set \`environment\` to pick a preset)` : "";
        problems.push(`environment = ${formatValue(environment)}${how}: must be one of ${ENVIRONMENTS.map((e) => `"${e}"`).join(", ")}`);
        // Still report every problem of the stack's own values: those found whichever preset it ends up on.
        const perPreset = ENVIRONMENTS.map((candidate) => validate(candidate, overrides, raw).problems);
        problems.push(...perPreset[0].filter((problem) => perPreset.every((found) => found.includes(problem))));
        throw new StackConfigError(raw.stackName, problems);
    }
    const { parsed, problems: valueProblems } = validate(environment, overrides, raw);
    problems.push(...valueProblems);
    if (problems.length > 0 || !parsed.success) throw new StackConfigError(raw.stackName, problems);
    return parsed.data;
}
