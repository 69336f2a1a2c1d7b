// The synth and render command lines: strict flags with usage on a mistake (exit 2), user errors as one
// message naming the file (exit 1, no stack trace), and --help.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseCliArgs, UsageError } from "../../synth";
import { ROOT } from "../../synth";
import { runTsCli, scratchCopy, STACK_TRACE } from "../support/scratch";

const KNOWN = ["dev", "staging", "prod"];

function usageError(argv: string[], allowDiff = true): string {
    try {
        parseCliArgs(argv, KNOWN, allowDiff);
    } catch (error) {
        assert.ok(error instanceof UsageError, String(error));
        return error.message;
    }
    assert.fail(`${argv.join(" ")} was accepted`);
}

describe("synth and render command lines", () => {
    it("--stack <name> and --stack=<name> pick one stack; no flag picks every stack in order", () => {
        assert.deepEqual(parseCliArgs(["--stack", "prod"], KNOWN, true).stacks, ["prod"]);
        assert.deepEqual(parseCliArgs(["--stack=prod"], KNOWN, true).stacks, ["prod"]);
        assert.deepEqual(parseCliArgs([], KNOWN, true), { stacks: KNOWN, diff: undefined, help: false });
        assert.deepEqual(parseCliArgs(["--diff", "main", "--stack", "dev"], KNOWN, true), { stacks: ["dev"], diff: "main", help: false });
        assert.equal(parseCliArgs(["--help"], KNOWN, true).help, true);
        assert.equal(parseCliArgs(["-h"], KNOWN, false).help, true);
    });

    it("refuses unknown flags, unknown stacks, stray words, a flag without its value, and --diff where it has no meaning", () => {
        assert.match(usageError(["--stak", "prod"]), /Unknown option '--stak'/);
        assert.match(usageError(["--stack", "qa"]), /--stack "qa": no such stack; stacks \(from Pulumi.<stack>.yaml\): dev, staging, prod/);
        assert.match(usageError(["prod"]), /Unexpected argument 'prod'/);
        assert.match(usageError(["--stack"]), /argument missing/);
        assert.match(usageError(["--diff", "--stack"]), /argument missing|--diff/);
        assert.match(usageError(["--diff", "main"], false), /Unknown option '--diff'/);
    });

    it("synth CLI: an unknown flag exits 2 with the usage, --help exits 0 with it", () => {
        const bad = runTsCli(ROOT, "synth/cli.ts", ["--stack=prod", "--verbose"]);
        assert.equal(bad.status, 2, bad.stderr);
        assert.match(bad.stderr, /error: Unknown option '--verbose'/);
        assert.match(bad.stderr, /usage: npm run synth/);
        assert.equal(fs.existsSync(path.join(ROOT, "out", "--verbose")), false);
        const help = runTsCli(ROOT, "synth/cli.ts", ["--help"]);
        assert.equal(help.status, 0, help.stderr);
        assert.match(help.stdout, /--diff <ref>/);
    });

    it("render CLI: an unknown stack exits 2 with the usage and writes nothing", () => {
        const run = runTsCli(ROOT, "render/cli.ts", ["--stack", "nope"]);
        assert.equal(run.status, 2, run.stderr);
        assert.match(run.stderr, /--stack "nope": no such stack/);
        assert.match(run.stderr, /usage: npm run render/);
    });

    it("a YAML syntax error in a stack file: render and synth name the file, print no stack trace, exit 1", () => {
        const root = scratchCopy("cli-yaml-");
        const file = path.join(root, "Pulumi.staging.yaml");
        fs.writeFileSync(file, "config:\n  platform:app:\n    image: [unclosed\n");
        for (const [script, args] of [
            ["render/cli.ts", []],
            ["synth/cli.ts", ["--stack", "staging"]],
        ] as const) {
            const run = runTsCli(root, script, [...args]);
            assert.equal(run.status, 1, `${script}: ${run.stderr}`);
            assert.ok(run.stderr.includes(`${file}: `), `${script} names the file: ${run.stderr}`);
            assert.match(run.stderr, /is not valid YAML/);
            assert.doesNotMatch(run.stderr, STACK_TRACE, `${script} printed a stack trace`);
        }
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("a config error from render names the stack, the key and the value, without a stack trace", () => {
        const root = scratchCopy("cli-config-");
        fs.writeFileSync(path.join(root, "Pulumi.prod.yaml"), fs.readFileSync(path.join(root, "Pulumi.prod.yaml"), "utf8").replace("platform:app:\n", "platform:app:\n    maxReplicas: 1\n"));
        const run = runTsCli(root, "render/cli.ts", []);
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stderr, /Stack "prod" has 1 configuration problem\(s\)/);
        assert.match(run.stderr, /app.maxReplicas = 1/);
        assert.doesNotMatch(run.stderr, STACK_TRACE);
        fs.rmSync(root, { recursive: true, force: true });
    });
});
