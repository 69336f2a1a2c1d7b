// The README's "Where to change what" index and docs/decisions/ are hand-written maps of the code: every path
// they name must exist, every name must be found in the file it is listed under, every config key must be one
// the schema accepts, and every decision must be listed and dated.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { stackConfigSchema } from "../../stacks";
import { ROOT } from "../../synth";

const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
const DECISIONS = path.join(ROOT, "docs", "decisions");

/** The rows of the index table, each as its cells. */
function indexRows(): string[][] {
    const start = README.indexOf("\n## Where to change what\n");
    assert.ok(start >= 0, 'README.md has a "## Where to change what" section');
    const section = README.slice(start + 1, README.indexOf("\n## ", start + 1));
    return section
        .split("\n")
        .filter((line) => line.startsWith("| ") && !line.startsWith("| to change") && !line.startsWith("| ---"))
        .map((line) => line.slice(2, -2).split(" | "));
}

const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
const isPath = (span: string) => span.includes("/") || /^[\w.<>-]+\.(ts|yaml|yml|md|sh|js|cjs|mjs)$/.test(span);
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A repository path, where `<stack>` stands for any stack name. */
function pathExists(span: string): boolean {
    if (!span.includes("<stack>")) return fs.existsSync(path.join(ROOT, span));
    const dir = path.join(ROOT, path.dirname(span));
    const pattern = new RegExp(`^${escape(path.basename(span)).replace("<stack>", "[\\w-]+")}$`);
    return fs.readdirSync(dir).some((name) => pattern.test(name));
}

/** `a.b.c` is found when a, b and c appear in the file in that order, each as a whole word. */
function symbolFound(file: string, symbol: string): boolean {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    let from = 0;
    for (const segment of symbol.split(".")) {
        const match = new RegExp(`\\b${escape(segment)}\\b`).exec(text.slice(from));
        if (!match) return false;
        from += match.index + segment.length;
    }
    return true;
}

/** The schema a dotted config key names, or undefined when the stack config has no such key. */
function schemaAt(schema: z.ZodType, keys: string[]): z.ZodType | undefined {
    let inner = schema;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
    if (keys.length === 0) return inner;
    if (inner instanceof z.ZodDiscriminatedUnion) {
        return (inner.options as z.ZodType[]).map((option) => schemaAt(option, keys)).find((found) => found !== undefined);
    }
    if (!(inner instanceof z.ZodObject)) return undefined;
    const child = (inner.shape as Record<string, z.ZodType | undefined>)[keys[0]];
    return child === undefined ? undefined : schemaAt(child, keys.slice(1));
}

describe("hand-written facts: where to change what", () => {
    const rows = indexRows();

    it("lists the places a newcomer asks about first", () => {
        assert.ok(rows.length >= 15, `${rows.length} rows`);
        const where = rows.map((cells) => cells[1]).join("\n");
        for (const expected of ["stacks/presets.ts", "versions/pins.json", "components/platform/alertmanager-config.ts", "components/app/gitops/argocd-objects.ts", "kindNodeImage"]) {
            assert.ok(where.includes(expected), `the index names ${expected}`);
        }
    });

    it("every path exists and every name is found in the file it follows", () => {
        for (const [topic, where] of rows) {
            let file: string | undefined;
            for (const span of codeSpans(where)) {
                if (isPath(span)) {
                    assert.ok(pathExists(span), `"${topic}": ${span} does not exist`);
                    file = span.endsWith("/") || span.includes("<stack>") ? undefined : span;
                } else {
                    assert.ok(file !== undefined, `"${topic}": ${span} follows no file`);
                    assert.ok(symbolFound(file, span), `"${topic}": ${span} is not in ${file}`);
                }
            }
        }
    });

    it("every config key in the last column is one the stack config accepts", () => {
        const keys = rows.flatMap(([topic, , perStack]) => codeSpans(perStack ?? "").map((key) => [topic, key] as const));
        assert.ok(keys.length > 0);
        for (const [topic, key] of keys) assert.ok(schemaAt(stackConfigSchema, key.split(".")), `"${topic}": ${key} is not a key of stacks/schema.ts`);
    });

    it("its findings fail where they should", () => {
        assert.equal(symbolFound("stacks/presets.ts", "prod.monitoring.retention"), true);
        assert.equal(symbolFound("stacks/presets.ts", "prod.monitoring.retentionDays"), false);
        assert.equal(pathExists("Pulumi.<stack>.yaml"), true);
        assert.equal(pathExists("stacks/no-such-file.ts"), false);
        assert.equal(schemaAt(stackConfigSchema, ["cluster", "userPool", "maxCount"]) !== undefined, true);
        assert.equal(schemaAt(stackConfigSchema, ["monitoring", "retentionDays"]), undefined);
    });
});

describe("hand-written facts: paths in the README and the decisions", () => {
    /** A path the text names as an example of something a user creates (README, "Adding a stack"). */
    const EXAMPLES = new Set(["deploy/qa/"]);

    it("every repository path in code spans exists (e.g. the kind scripts under components/cluster/scripts/)", () => {
        const roots = new Set(fs.readdirSync(ROOT).filter((name) => !["node_modules", "out", "build"].includes(name)));
        const texts = [path.join(ROOT, "README.md"), ...fs.readdirSync(DECISIONS).map((name) => path.join(DECISIONS, name))];
        let checked = 0;
        for (const file of texts) {
            // Fenced blocks out first: their ``` would pair with inline backticks.
            for (const span of codeSpans(fs.readFileSync(file, "utf8").replace(/^```[\s\S]*?^```/gm, ""))) {
                if (!/^[\w.-]+(\/[\w.-]+)*\/?$/.test(span) || !span.includes("/") || !roots.has(span.split("/")[0]) || EXAMPLES.has(span)) continue;
                checked += 1;
                assert.ok(fs.existsSync(path.join(ROOT, span)), `${path.relative(ROOT, file)} names ${span}, which does not exist`);
            }
        }
        assert.ok(checked > 20, `${checked} paths checked`);
    });
});

describe("hand-written facts: docs/decisions", () => {
    const files = fs.readdirSync(DECISIONS).filter((name) => name.endsWith(".md") && name !== "README.md");
    const index = fs.readFileSync(path.join(DECISIONS, "README.md"), "utf8");

    it("each decision is dated and listed in the index with that date, and the README links the index", () => {
        assert.ok(files.length > 0);
        for (const name of files) {
            const text = fs.readFileSync(path.join(DECISIONS, name), "utf8");
            const date = /^Date: (\d{4}-\d{2}-\d{2})\b/m.exec(text)?.[1];
            assert.ok(date, `${name} has a "Date: YYYY-MM-DD" line`);
            const row = index.split("\n").find((line) => line.includes(`](${name})`));
            assert.ok(row?.includes(`| ${date} |`), `docs/decisions/README.md lists ${name} with its date ${date}`);
        }
        assert.match(README, /\]\(docs\/decisions\/README\.md\)/);
    });

    it("the README says kubernetesx is not used and links the decision, which keeps its evidence", () => {
        const lines = README.split("\n").filter((line) => line.includes("kubernetesx"));
        assert.equal(lines.length, 1, "one line of the README is about kubernetesx");
        assert.match(lines[0], /not used.*\]\(docs\/decisions\/kubernetesx\.md\)/);
        const decision = fs.readFileSync(path.join(DECISIONS, "kubernetesx.md"), "utf8");
        for (const evidence of ["replicas: args.replicas === undefined ? 1 : args.replicas", "'@pulumi/kubernetes': '^3.0.0'", "`0.1.5` and `0.1.6`", "Outputs, not plain objects"]) {
            assert.ok(decision.includes(evidence), `the kubernetesx decision states: ${evidence}`);
        }
    });
});
