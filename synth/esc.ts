// The ESC environments this repository defines, as the Pulumi CLI would see them when a stack file imports
// one: which `pulumiConfig` keys each provides. Two kinds exist, both created by deployments/ for every
// deployed stack: `<project>/azure-<stack>` (Azure login: environment variables and the OIDC token file kubelogin reads, no config) and
// `<project>/<stack>-secrets` (the stack's secret config, keys from deployments/esc/stack-secrets.yaml,
// values set by a maintainer). Anything else is not defined here, so nothing offline can vouch for it.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";

const STACK_SECRETS_DEFINITION = path.join("deployments", "esc", "stack-secrets.yaml");

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

/**
 * The model of one environment imported by `stack`, or undefined when this repository does not define it.
 * Each stack may import only its own: prod reading staging's secrets (or the reverse) is a mistake.
 */
export function escEnvironment(ref: string, stack: string, root: string): EscEnvironmentModel | undefined {
    const [project, name, ...rest] = ref.split("/");
    if (project === undefined || !/^[A-Za-z0-9_.-]+$/.test(project) || rest.length > 0) return undefined;
    if (name === `azure-${stack}`) return { ref, secretConfigKeys: [] };
    if (name === `${stack}-secrets`) return { ref, secretConfigKeys: stackSecretsKeys(root) };
    return undefined;
}
