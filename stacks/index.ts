// The only module that reads Pulumi config. Components receive the typed StackConfig it returns.
import * as pulumi from "@pulumi/pulumi";
import { placeholderFindings } from "./placeholders";
import { DESTINATION_SECRETS, PROJECT, projectValues, resolveStackConfig, SECRET_KEYS, StackConfigError, type SecretKey, type SecretPresence } from "./resolve";
import type { PlainStackConfig } from "./schema";

export { DESTINATION_SECRETS, PROJECT, SECRET_KEYS, StackConfigError } from "./resolve";
export { runbookUrl } from "./runbooks";
export { BURN_RATE_WINDOWS, SLO_PERIOD_DAYS, type BurnRateWindow } from "./slo";
export type * from "./schema";

// The runtime knows which config keys arrived encrypted (stack file `secure:` or ESC `fn::secret`) but its
// typings do not export the check; it is part of the SDK's runtime/config module in every 3.x release.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { isConfigSecret } = require("@pulumi/pulumi/runtime/config") as { isConfigSecret: (this: void, key: string) => boolean };

/** Used when no `greeting` secret is set, so the dev stack runs with zero manual config. */
const DEFAULT_GREETING = "Hello from the platform";

interface StackSecrets {
    greeting: pulumi.Output<string>;
    /** Ticket destination: webhook or Slack incoming-webhook URL. */
    alertmanagerWebhookUrl?: pulumi.Output<string>;
    /** Page destination: PagerDuty routing key, Opsgenie API key or webhook URL. */
    alertmanagerPageKey?: pulumi.Output<string>;
    /** Dead man's switch: heartbeat URL the Watchdog alert is sent to. */
    alertmanagerHeartbeatUrl?: pulumi.Output<string>;
    /** Password or token for `app.registryUsername`, when `app.imagePull` is private. */
    registryPassword?: pulumi.Output<string>;
    /** Read-only token for the gitops repository, when `app.gitops.repoAccess` is private. */
    gitopsRepoToken?: pulumi.Output<string>;
}

export type StackConfig = PlainStackConfig & {
    stackName: string;
    secrets: StackSecrets;
};

/** Every non-secret `platform:*` key set on the stack, JSON objects parsed; malformed JSON is reported by key. */
function readProjectValues(problems: string[]): Record<string, unknown> {
    return Object.fromEntries(Object.entries(projectValues(pulumi.runtime.allConfig())).map(([key, text]) => [key, parseConfigValue(key, text, problems)]));
}

function parseConfigValue(key: string, text: string, problems: string[]): unknown {
    const trimmed = text.trim();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return text;
    try {
        return JSON.parse(trimmed);
    } catch {
        problems.push(`${key}: is not valid structured config (expected a YAML mapping in the stack file)`);
        return undefined;
    }
}

/** Presence only: secret values never pass through validation, so they cannot leak into a message. */
function secretPresence(): SecretPresence {
    const state = (key: SecretKey) => {
        const fullKey = `${PROJECT}:${key}`;
        if ((pulumi.runtime.getConfig(fullKey) ?? "") === "") return "unset" as const;
        return isConfigSecret(fullKey) ? ("secret" as const) : ("plain" as const);
    };
    return Object.fromEntries(SECRET_KEYS.map((key) => [key, state(key)])) as SecretPresence;
}

/** Pairs of set destination secrets with identical values; only whether they match leaves this function. */
function equalDestinationSecrets(): [SecretKey, SecretKey][] {
    const keys = Object.values(DESTINATION_SECRETS);
    const value = (key: SecretKey) => pulumi.runtime.getConfig(`${PROJECT}:${key}`) ?? "";
    const pairs: [SecretKey, SecretKey][] = [];
    keys.forEach((a, i) => keys.slice(i + 1).forEach((b) => value(a) !== "" && value(a).trim() === value(b).trim() && pairs.push([a, b])));
    return pairs;
}

export function loadStackConfig(): StackConfig {
    const config = new pulumi.Config(PROJECT);
    const stackName = pulumi.getStack();
    const problems: string[] = [];
    const values = readProjectValues(problems);
    const presence = secretPresence();
    if (problems.length > 0) throw new StackConfigError(stackName, problems);
    const plain = resolveStackConfig({ stackName, values, secrets: presence, equalSecrets: equalDestinationSecrets() });
    for (const finding of placeholderFindings(plain)) void pulumi.log.warn(`placeholder config: ${finding}`);
    const secret = (key: SecretKey) => (presence[key] === "secret" ? { [key]: config.requireSecret(key) } : {});
    return {
        ...plain,
        stackName,
        secrets: {
            greeting: presence.greeting === "secret" ? config.requireSecret("greeting") : pulumi.secret(DEFAULT_GREETING),
            ...secret("alertmanagerWebhookUrl"),
            ...secret("alertmanagerPageKey"),
            ...secret("alertmanagerHeartbeatUrl"),
            ...secret("registryPassword"),
            ...secret("gitopsRepoToken"),
        },
    };
}

/** @internal */
export { aksClusterSchema, appSchema, argocdSchema, kindClusterSchema, monitoringSchema, secretsStoreSchema, stackConfigSchema } from "./schema";
export { projectValues, resolveStackConfig, type SecretPresence } from "./resolve";
/** @internal */
export { type SecretKey } from "./resolve";
/** @internal */
export { placeholderFindings } from "./placeholders";
/** @internal */
export { mergeOverrides } from "./resolve";
/** @internal */
export { type Environment, ENVIRONMENT_TRAITS, presets } from "./presets";
