// Reads a committed stack the way the Pulumi CLI hands it to the program: the stack file's `project:key`
// values merged over the ESC environments it imports, Pulumi.yaml defaults for what neither sets, and the
// CLI's config check first (synth/cli-config.ts). Encrypted values (`secure:` in the stack file, fn::secret in
// ESC) cannot be read offline, so each becomes a visible placeholder that the program receives as a secret.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { findProjectRoot } from "../components/project-root";
import { PROJECT, SECRET_KEYS } from "../stacks";
import { projectValues, resolveStackConfig, type SecretPresence } from "../stacks";
import type { PlainStackConfig } from "../stacks";
import { cliConfigProblems, type DeclaredKey, type StackValue } from "./cli-config";
import { escEnvironment } from "./esc";

export const ROOT = findProjectRoot(__dirname);

/** The CLI's stack file naming; a stack exists here when its file does. */
const STACK_FILE = /^Pulumi\.([A-Za-z0-9_.-]+)\.yaml$/;
/** Listed first, in this order; any other stack follows alphabetically. */
const PRESET_ORDER = ["dev", "staging", "prod"];

/** The stacks of a project directory: one per `Pulumi.<stack>.yaml`, the way the Pulumi CLI finds them. */
export function discoverStacks(root = ROOT): string[] {
    const rank = (stack: string) => (PRESET_ORDER.includes(stack) ? PRESET_ORDER.indexOf(stack) : PRESET_ORDER.length);
    return fs
        .readdirSync(root)
        .map((file) => STACK_FILE.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** The stacks of this checkout, found once at load. */
export const STACKS: readonly string[] = discoverStacks();

/** A stack that the Pulumi CLI would refuse before running the program. */
export class StackFileError extends Error {
    constructor(
        readonly file: string,
        readonly problems: string[],
    ) {
        super(`${file}: ${problems.length} problem(s) the Pulumi CLI would stop at before running the program:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
        this.name = "StackFileError";
    }
}

function readYaml(file: string): Record<string, unknown> {
    try {
        return (parse(fs.readFileSync(file, "utf8")) ?? {}) as Record<string, unknown>;
    } catch (error) {
        throw new StackFileError(file, [`is not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`]);
    }
}

/** The config keys Pulumi.yaml declares, as the CLI reads them. */
export function declaredConfig(root = ROOT): Record<string, DeclaredKey> {
    return (readYaml(path.join(root, "Pulumi.yaml")).config ?? {}) as Record<string, DeclaredKey>;
}

export interface StackFile {
    file: string;
    /** Config values as written; an encrypted one is `{ secure: <ciphertext> }`. */
    config: Record<string, unknown>;
    /** ESC environments imported by the `environment:` list. */
    environments: string[];
}

export function readStackFile(stack: string, root = ROOT): StackFile {
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new StackFileError(file, [`stack "${stack}" has no stack file; known stacks: ${discoverStacks(root).join(", ")} (add a stack by adding its Pulumi.<stack>.yaml)`]);
    const document = readYaml(file);
    if (typeof document !== "object" || Array.isArray(document)) throw new StackFileError(file, ["must be a YAML mapping with `config:` (and optionally `environment:`)"]);
    const environments = document.environment ?? [];
    if (!Array.isArray(environments) || !environments.every((ref) => typeof ref === "string")) {
        throw new StackFileError(file, [`environment = ${JSON.stringify(environments)}: must be a list of ESC environment names such as platform/azure-${stack}`]);
    }
    return { file, config: (document.config ?? {}) as Record<string, unknown>, environments };
}

function isSecure(value: unknown): boolean {
    return value !== null && typeof value === "object" && "secure" in value;
}

/** What the stack sees: its ESC environments' config, then its own file's values on top (the CLI's order). */
function mergedValues(stack: string, stackFile: StackFile, root: string): Record<string, StackValue> {
    const values: Record<string, StackValue> = {};
    const unknown: string[] = [];
    for (const ref of stackFile.environments) {
        const environment = escEnvironment(ref, stack, root);
        if (environment === undefined) unknown.push(`environment: imports ESC environment "${ref}", which this repository does not define for stack ${stack} (deployments/ creates <project>/azure-${stack} and <project>/${stack}-secrets)`);
        for (const key of environment?.secretConfigKeys ?? []) values[`${PROJECT}:${key}`] = { secure: true, source: `ESC ${ref}` };
    }
    if (unknown.length > 0) throw new StackFileError(stackFile.file, unknown);
    for (const [key, value] of Object.entries(stackFile.config)) {
        values[key] = isSecure(value) ? { secure: true, source: path.basename(stackFile.file) } : { secure: false, value, source: path.basename(stackFile.file) };
    }
    return values;
}

/**
 * The config the program receives for a committed stack, after the CLI's check. `secrets` gives values for
 * secret keys (test markers); without one, an encrypted key gets the placeholder `[secret config <key>]`.
 */
export function offlineConfig(stack: string, secrets: Record<string, string> = {}, root = ROOT): { config: Record<string, unknown>; secretKeys: string[] } {
    const stackFile = readStackFile(stack, root);
    const declared = declaredConfig(root);
    const values = mergedValues(stack, stackFile, root);
    const problems = cliConfigProblems({ project: PROJECT, stack, declared, values });
    if (problems.length > 0) throw new StackFileError(stackFile.file, problems);

    const config: Record<string, unknown> = {};
    for (const [name, key] of Object.entries(declared)) {
        if (key.default !== undefined) config[name.includes(":") ? name : `${PROJECT}:${name}`] = key.default;
    }
    const secretKeys = new Set<string>();
    for (const [key, value] of Object.entries(values)) {
        config[key] = value.secure ? `[secret config ${key}]` : value.value;
        if (value.secure) secretKeys.add(key);
    }
    for (const [key, value] of Object.entries(secrets)) {
        config[key] = value;
        secretKeys.add(key);
    }
    return { config, secretKeys: [...secretKeys] };
}

const ALL_SECRETS_SET = Object.fromEntries(SECRET_KEYS.map((key) => [key, "secret"])) as SecretPresence;

/**
 * The plain (secret-free) config of a committed stack, resolved the way the program resolves it, for work that
 * needs no Pulumi runtime (rendering manifests, announcing placeholders). No secret is read, so all count as set.
 */
export function plainStackConfig(stack: string, root = ROOT): PlainStackConfig {
    return resolveStackConfig({ stackName: stack, values: projectValues(readStackFile(stack, root).config), secrets: ALL_SECRETS_SET });
}
