// Turns schema issues into messages a platform engineer can act on: the key path, the bad value and
// what is allowed (with a "did you mean" for misspelled keys).
import { z } from "zod";

export type Path = ReadonlyArray<PropertyKey>;

function formatPath(path: Path): string {
    return path.map(String).join(".");
}

export function formatValue(value: unknown): string {
    if (value === undefined) return "(missing)";
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function valueAt(root: unknown, path: Path): unknown {
    let current: unknown = root;
    for (const key of path) {
        if (current === null || typeof current !== "object") return undefined;
        current = (current as Record<PropertyKey, unknown>)[key];
    }
    return current;
}

/** The schema node at `path`, following optional wrappers, arrays and (by the data) discriminated unions. */
function schemaAt(schema: z.ZodType, path: Path, data: unknown, resolveUnions = true): z.ZodType | undefined {
    let node: z.ZodType | undefined = schema;
    let value: unknown = data;
    for (const key of path) {
        node = unwrap(node, value);
        if (node instanceof z.ZodObject) node = node.shape[String(key)] as z.ZodType | undefined;
        else if (node instanceof z.ZodArray) node = node.element as z.ZodType;
        else return undefined;
        value = valueAt(value, [key]);
    }
    return resolveUnions ? unwrap(node, value) : node;
}

/** The object keys the schema accepts at `path`. */
function allowedKeysAt(schema: z.ZodType, path: Path, data: unknown): string[] {
    const node = schemaAt(schema, path, data);
    return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

/** The literal schema of one union option's discriminator field. */
function tagOf(option: z.ZodType, discriminator: string): z.ZodLiteral | undefined {
    const field: unknown = option instanceof z.ZodObject ? (option.shape as Record<string, unknown>)[discriminator] : undefined;
    return field instanceof z.ZodLiteral ? field : undefined;
}

/** The values a discriminated union at `path` accepts for its discriminator. */
function discriminatorValuesAt(schema: z.ZodType, path: Path, data: unknown): string[] {
    let node = schemaAt(schema, path, data, false);
    while (node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
    if (!(node instanceof z.ZodDiscriminatedUnion)) return [];
    const discriminator: string = node._zod.def.discriminator;
    return (node.options as z.ZodType[]).flatMap((option) => [...(tagOf(option, discriminator)?.values ?? [])].map((v) => JSON.stringify(v)));
}

function unwrap(node: z.ZodType | undefined, value: unknown): z.ZodType | undefined {
    while (node !== undefined) {
        if (node instanceof z.ZodOptional) node = node.unwrap() as z.ZodType;
        else if (node instanceof z.ZodDiscriminatedUnion) {
            const discriminator: string = node._zod.def.discriminator;
            const tag = valueAt(value, [discriminator]);
            node = (node.options as z.ZodType[]).find((option) => tagOf(option, discriminator)?.values.has(tag as never));
        } else return node;
    }
    return undefined;
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, i) => i);
    for (let i = 1; i <= a.length; i++) {
        let previous = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const saved = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1));
            previous = saved;
        }
    }
    return row[b.length];
}

export function unknownKeyMessage(keyPath: string, key: string, allowed: string[]): string {
    const close = allowed.filter((candidate) => editDistance(candidate, key) <= Math.max(2, Math.floor(key.length / 3)));
    const hint = close.length > 0 ? ` (did you mean ${close.map((c) => `"${c}"`).join(" or ")}?)` : "";
    return `${keyPath}: unknown key${hint}; allowed keys: ${allowed.join(", ")}`;
}

/** One line per zod issue: `<path> = <value>: <what is allowed>`. */
export function describeIssue(issue: z.core.$ZodIssue, schema: z.ZodType, data: unknown): string[] {
    const path = formatPath(issue.path);
    if (issue.code === "unrecognized_keys") {
        const allowed = allowedKeysAt(schema, issue.path, data);
        return issue.keys.map((key) => unknownKeyMessage(formatPath([...issue.path, key]), key, allowed));
    }
    const shown = `${path || "(root)"} = ${formatValue(valueAt(data, issue.path))}`;
    switch (issue.code) {
        case "invalid_type":
            return [`${shown}: must be ${issue.expected === "int" ? "a whole number" : `of type ${issue.expected}`}`];
        case "too_big":
            return [`${shown}: must be ${issue.inclusive === false ? "below" : "at most"} ${String(issue.maximum)}${issue.origin === "array" ? " items" : ""}`];
        case "too_small":
            return [`${shown}: must be ${issue.inclusive === false ? "above" : "at least"} ${String(issue.minimum)}${issue.origin === "array" ? " items" : issue.origin === "string" ? " characters" : ""}`];
        case "invalid_value":
            return [`${shown}: must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`];
        case "invalid_union": {
            // A discriminated union reports a bad tag at the tag's own path; name the tags it accepts.
            const allowed = discriminatorValuesAt(schema, issue.path.slice(0, -1), data);
            return [`${shown}: ${allowed.length > 0 ? `must be one of ${allowed.join(", ")}` : "does not match any allowed shape"}`];
        }
        default:
            return [`${shown}: ${issue.message}`];
    }
}
