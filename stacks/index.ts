// The only module that reads Pulumi config. Components receive the typed StackConfig it returns.
import * as pulumi from "@pulumi/pulumi";
import { PROJECT, projectValues, resolveStackConfig, StackConfigError, type SecretPresence } from "./resolve";
import type { PlainStackConfig } from "./schema";

export { PROJECT, StackConfigError } from "./resolve";
export type * from "./schema";

/** Used when no `greeting` secret is set, so the dev stack runs with zero manual config. */
export const DEFAULT_GREETING = "Hello from the platform";

export interface StackSecrets {
    greeting: pulumi.Output<string>;
    alertmanagerWebhookUrl?: pulumi.Output<string>;
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

export function loadStackConfig(): StackConfig {
    const config = new pulumi.Config(PROJECT);
    const stackName = pulumi.getStack();
    const problems: string[] = [];
    const values = readProjectValues(problems);
    // Presence only: secret values never pass through validation, so they cannot leak into a message.
    // An empty secret counts as unset (Pulumi requires declared keys to be set; see README).
    const isSet = (key: string) => (pulumi.runtime.getConfig(`${PROJECT}:${key}`) ?? "") !== "";
    const presence: SecretPresence = { greeting: isSet("greeting"), alertmanagerWebhookUrl: isSet("alertmanagerWebhookUrl") };
    if (problems.length > 0) throw new StackConfigError(stackName, problems);
    const plain = resolveStackConfig({ stackName, values, secrets: presence });
    return {
        ...plain,
        stackName,
        secrets: {
            greeting: presence.greeting ? config.requireSecret("greeting") : pulumi.secret(DEFAULT_GREETING),
            ...(presence.alertmanagerWebhookUrl ? { alertmanagerWebhookUrl: config.requireSecret("alertmanagerWebhookUrl") } : {}),
        },
    };
}
