/**
 * Plays a pull_request run of a workflow the way GitHub schedules it, without running any job:
 * each job's `if:` is evaluated with GitHub's own expression engine (@actions/expressions) over
 * the event's `github` context and the results of the jobs it needs; a job whose condition is
 * false is `skipped`. Jobs given in `outcomes` end with that result; other jobs that run end with
 * `success`. Only the jobs named in `execute` really run: their `run:` steps go through bash with
 * the job's `env:` (expressions evaluated the same way) and decide the job's result.
 */
import { spawnSync } from "node:child_process";
import * as assert from "node:assert/strict";
import { LoadedWorkflow, REPO_ROOT, asArray, asObject, jobsOf } from "./workflow-helpers";

type Expressions = typeof import("@actions/expressions", { with: { "resolution-mode": "import" } });
let expressionsPromise: Promise<Expressions> | undefined;
function loadExpressions(): Promise<Expressions> {
    expressionsPromise ??= import("@actions/expressions");
    return expressionsPromise;
}

export type JobResult = "success" | "failure" | "cancelled" | "skipped";

export interface PullRequestEvent {
    /** Repository the workflow runs in. */
    repository: string;
    /** Repository of the PR's head branch (differs for a fork). */
    headRepository: string;
    baseRef: string;
    headRef: string;
    /** The PR's author and the run's actor (Dependabot: dependabot[bot]). */
    author: string;
    actor: string;
}

function githubContext(event: PullRequestEvent): Record<string, unknown> {
    return {
        event_name: "pull_request",
        repository: event.repository,
        actor: event.actor,
        head_ref: event.headRef,
        base_ref: event.baseRef,
        event: {
            pull_request: {
                number: 7,
                user: { login: event.author },
                base: { ref: event.baseRef, sha: "b".repeat(40) },
                head: { ref: event.headRef, sha: "h".repeat(40), repo: { full_name: event.headRepository } },
            },
        },
    };
}

async function evaluate(expression: string, github: Record<string, unknown>, needs: Record<string, { result: JobResult }>, anyFailed: boolean): Promise<unknown> {
    const { Lexer, Parser, Evaluator, data } = await loadExpressions();
    const statusFunctions = new Map(
        [
            ["always", () => true],
            ["success", () => !anyFailed],
            ["failure", () => anyFailed],
            ["cancelled", () => false],
        ].map(([name, fn]) => [name as string, { name: name as string, minArgs: 0, maxArgs: 0, call: () => new data.BooleanData((fn as () => boolean)()) }]),
    );
    const tokens = new Lexer(expression).lex().tokens;
    const ast = new Parser(tokens, ["github", "needs", "vars", "env"], [...statusFunctions.values()]).parse();
    const context = JSON.parse(JSON.stringify({ github, needs, vars: {}, env: {} }), data.reviver) as InstanceType<typeof data.Dictionary>;
    const result = new Evaluator(ast, context, statusFunctions).evaluate();
    return result.coerceString();
}

/** `${{ … }}` inside a string, evaluated; a bare condition string is one expression. */
async function interpolate(text: string, github: Record<string, unknown>, needs: Record<string, { result: JobResult }>): Promise<string> {
    let out = "";
    let rest = text;
    for (let match = /\$\{\{([\s\S]*?)\}\}/.exec(rest); match; match = /\$\{\{([\s\S]*?)\}\}/.exec(rest)) {
        out += rest.slice(0, match.index) + String(await evaluate(match[1], github, needs, false));
        rest = rest.slice(match.index + match[0].length);
    }
    return out + rest;
}

export async function simulatePullRequestRun(
    wf: LoadedWorkflow,
    event: PullRequestEvent,
    opts: { outcomes?: Record<string, JobResult>; execute?: string[] } = {},
): Promise<Record<string, JobResult>> {
    const jobs = jobsOf(wf);
    const github = githubContext(event);
    const results: Record<string, JobResult> = {};
    const pending = Object.keys(jobs);
    while (pending.length > 0) {
        const index = pending.findIndex((id) => needsOf(jobs[id]).every((need) => need in results));
        assert.ok(index >= 0, `${wf.file}: a cycle in needs among ${pending.join(", ")}`);
        const [id] = pending.splice(index, 1);
        const job = jobs[id];
        const needs = Object.fromEntries(needsOf(job).map((need) => [need, { result: results[need] }]));
        const anyFailed = Object.values(needs).some((n) => n.result === "failure" || n.result === "cancelled");
        const condition = job["if"] === undefined ? "success()" : String(job["if"]).replace(/^\$\{\{([\s\S]*)\}\}$/, "$1");
        // GitHub adds an implicit success() to a condition without a status function.
        const withStatus = /\b(always|success|failure|cancelled)\(\)/.test(condition) ? condition : `success() && (${condition})`;
        if ((await evaluate(withStatus, github, needs, anyFailed)) !== "true") {
            results[id] = "skipped";
        } else if (opts.execute?.includes(id)) {
            results[id] = await runSteps(job, github, needs);
        } else {
            results[id] = opts.outcomes?.[id] ?? "success";
        }
    }
    return results;
}

function needsOf(job: Record<string, unknown>): string[] {
    const needs = job["needs"];
    if (needs === undefined) return [];
    return typeof needs === "string" ? [needs] : (needs as string[]);
}

async function runSteps(job: ReturnType<typeof jobsOf>[string], github: Record<string, unknown>, needs: Record<string, { result: JobResult }>): Promise<JobResult> {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries(job["env"] === undefined ? {} : asObject(job["env"], "env"))) {
        env[key] = (await interpolate(String(value), github, needs)).trim();
    }
    for (const step of asArray(job["steps"], "steps").map((s) => asObject(s, "step"))) {
        if (step["run"] === undefined) continue; // actions (checkout) are not run; the repository is already here
        const run = spawnSync("bash", ["-e", "-c", String(step["run"])], { cwd: REPO_ROOT, env: { PATH: process.env.PATH ?? "", GITHUB_STEP_SUMMARY: "/dev/null", ...env }, encoding: "utf8" });
        if (run.status !== 0) return "failure";
    }
    return "success";
}
