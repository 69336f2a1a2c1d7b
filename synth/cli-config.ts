// What the Pulumi CLI checks before it starts the program, modelled so offline synth fails where
// `pulumi preview` would: every key Pulumi.yaml declares without a default needs a value from the stack file
// or an imported ESC environment; a key declared `secret: true` must arrive encrypted; a declared type must
// match; and a secret key may not have a default. Messages start with the CLI's own words, then the fix.
export interface DeclaredKey {
    type?: "string" | "integer" | "boolean" | "array";
    default?: unknown;
    value?: unknown;
    secret?: boolean;
}

/** One config value as the CLI sees it after merging the stack file and its ESC environments. */
export interface StackValue {
    secure: boolean;
    /** Plain value (undefined for a secure one, whose content is never known offline). */
    value?: unknown;
    /** Where it came from, for messages: the stack file or `esc:<ref>`. */
    source: string;
}

export interface CliConfigInput {
    project: string;
    stack: string;
    declared: Record<string, DeclaredKey>;
    /** Keys as `project:key` (or `namespace:key`). */
    values: Record<string, StackValue>;
}

function typeMatches(type: DeclaredKey["type"], value: unknown): boolean {
    switch (type) {
        case undefined:
            return true;
        case "string":
            return typeof value === "string";
        case "integer":
            return Number.isInteger(typeof value === "string" ? Number(value) : value);
        case "boolean":
            return typeof value === "boolean" || value === "true" || value === "false";
        case "array":
            return Array.isArray(value);
    }
}

export function cliConfigProblems(input: CliConfigInput): string[] {
    const { project, stack } = input;
    const problems: string[] = [];
    const missing: string[] = [];
    for (const [name, declared] of Object.entries(input.declared).sort(([a], [b]) => a.localeCompare(b))) {
        const key = name.includes(":") ? name : `${project}:${name}`;
        const found = input.values[key];
        if (declared.secret && declared.default !== undefined) {
            problems.push(`Pulumi.yaml declares '${name}' secret with a default, which the CLI refuses; drop the default or the secret flag`);
        }
        if (found === undefined) {
            if (declared.default === undefined && declared.value === undefined && key.startsWith(`${project}:`)) missing.push(name);
            continue;
        }
        if (declared.secret && !found.secure) {
            problems.push(`Stack '${stack}' with configuration key '${name}' must be encrypted as it's secret (from ${found.source}); set it with \`pulumi config set --secret ${name} <value>\` or as fn::secret in the ESC environment`);
        }
        if (!found.secure && !typeMatches(declared.type, found.value)) {
            problems.push(`Stack '${stack}' with configuration key '${name}' must be of type '${declared.type}' (from ${found.source}, value ${JSON.stringify(found.value)})`);
        }
    }
    if (missing.length > 0) {
        const quoted = missing.map((key) => `'${key}'`).join(", ");
        problems.unshift(
            `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${quoted}: set ${missing.length > 1 ? "each" : "it"} in Pulumi.${stack}.yaml ` +
                `(\`pulumi config set [--secret] <key> <value> --stack ${stack}\`) or in an ESC environment the stack file imports, or give it a default in Pulumi.yaml`,
        );
    }
    return problems;
}
