// The ESC environments this repository defines, as the Pulumi CLI would see them when a stack file imports
// one: which `pulumiConfig` keys each provides. Two kinds exist, both created by deployments/ for every
// deployed stack: `<project>/azure-<stack>` (Azure login, environment variables only, no config) and
// `<project>/<stack>-secrets` (the stack's secret config, keys from deployments/esc/stack-secrets.yaml,
// values set by a maintainer). Anything else is not defined here, so nothing offline can vouch for it.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

export const STACK_SECRETS_DEFINITION = path.join("deployments", "esc", "stack-secrets.yaml");

export interface EscEnvironmentModel {
    ref: string;
    /** `pulumiConfig` keys the environment provides, all as secrets (`fn::secret`). */
    secretConfigKeys: string[];
}

/** The `pulumiConfig` keys of the committed stack-secrets definition. */
export function stackSecretsKeys(root: string): string[] {
    const document = parse(fs.readFileSync(path.join(root, STACK_SECRETS_DEFINITION), "utf8")) as { values?: { pulumiConfig?: Record<string, unknown> } };
    return Object.keys(document.values?.pulumiConfig ?? {});
}

/** The model of one imported environment, or undefined when this repository does not define it. */
export function escEnvironment(ref: string, root: string): EscEnvironmentModel | undefined {
    if (/^[A-Za-z0-9_.-]+\/azure-[a-z0-9-]+$/.test(ref)) return { ref, secretConfigKeys: [] };
    if (/^[A-Za-z0-9_.-]+\/[a-z0-9-]+-secrets$/.test(ref)) return { ref, secretConfigKeys: stackSecretsKeys(root) };
    return undefined;
}
