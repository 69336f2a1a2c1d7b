// Reads a committed stack file the way the Pulumi CLI hands it to the program: `project:key` values,
// structured values as JSON. Secret keys get a visible placeholder, since no real secret is available offline.
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { findProjectRoot } from "../components/project-root";
import { PROJECT, SECRET_KEYS } from "../stacks/resolve";

export { PROJECT };
export const STACKS = ["dev", "staging", "prod"] as const;
export const ROOT = findProjectRoot(__dirname);
export const SECRET_CONFIG_KEYS = SECRET_KEYS.map((key) => `${PROJECT}:${key}`);

export function readStackFile(stack: string, root = ROOT): Record<string, unknown> {
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(file)) throw new Error(`stack "${stack}" has no stack file ${file}; known stacks: ${STACKS.join(", ")}`);
    const document = (parse(fs.readFileSync(file, "utf8")) ?? {}) as { config?: Record<string, unknown> };
    const config = document.config ?? {};
    for (const [key, value] of Object.entries(config)) {
        if (value !== null && typeof value === "object" && "secure" in value) {
            throw new Error(`${file}: ${key} holds secure: ciphertext; committed stack files must not (it is bound to one organisation's key)`);
        }
    }
    return config;
}

/** Stack file values plus placeholders for every secret key (or the given values, e.g. test markers). */
export function offlineConfig(stack: string, secrets: Record<string, string> = {}): { config: Record<string, unknown>; secretKeys: string[] } {
    const placeholders = Object.fromEntries(SECRET_CONFIG_KEYS.map((key) => [key, secrets[key] ?? `[secret config ${key}]`]));
    return { config: { ...placeholders, ...readStackFile(stack) }, secretKeys: SECRET_CONFIG_KEYS };
}
