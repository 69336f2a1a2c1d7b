// scripts/dev-up.sh against stub tools on a PATH of their own: every missing or wrong prerequisite is reported
// in one run, and nothing (npm ci, pulumi login/up) runs until all checks pass.
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KIND_RELEASE } from "../../versions";
import { ROOT } from "../../synth";

/** Basic tools the script itself uses, linked from this machine, so that only the stubs decide the outcome. */
const BASE_TOOLS = ["bash", "sed", "dirname", "mkdir", "cat", "env"];

interface Stubs {
    /** tool name -> shell body (a stub logs every call, then runs the body); absent = not installed. */
    [tool: string]: string;
}

function runDevUp(stubs: Stubs): { status: number | null; stderr: string; calls: string[] } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dev-up-"));
    const bin = path.join(dir, "bin");
    fs.mkdirSync(bin);
    for (const tool of BASE_TOOLS) fs.symlinkSync(execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(), path.join(bin, tool));
    const log = path.join(dir, "calls.log");
    for (const [tool, body] of Object.entries(stubs)) {
        fs.writeFileSync(path.join(bin, tool), `#!/bin/bash\necho "${tool} $*" >> "${log}"\n${body}\n`, { mode: 0o755 });
    }
    const run = spawnSync(path.join(bin, "bash"), [path.join(ROOT, "scripts", "dev-up.sh")], { env: { PATH: bin, HOME: dir }, encoding: "utf8", timeout: 30_000 });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    fs.rmSync(dir, { recursive: true, force: true });
    return { status: run.status, stderr: run.stderr, calls };
}

const GOOD: Stubs = {
    node: 'echo "v22.23.3"',
    npm: "exit 0",
    pulumi: "exit 0",
    docker: "exit 0",
    kind: `echo "kind ${KIND_RELEASE} go1.24.2 linux/amd64"`,
};

describe("scripts/dev-up.sh", () => {
    it("reports every problem at once (old node, no pulumi, docker daemon down, wrong kind) and runs nothing", () => {
        const { status, stderr, calls } = runDevUp({ node: 'echo "v20.20.2"', npm: "exit 0", docker: '[ "$1" = info ] && exit 1; exit 0', kind: 'echo "kind v0.20.0 go1.20.4 linux/amd64"' });
        assert.equal(status, 1, stderr);
        assert.match(stderr, /^dev-up: 4 prerequisite\(s\) missing; nothing was changed:$/m);
        assert.match(stderr, /node: found v20\.20\.2, Node 22 or newer is required/);
        assert.match(stderr, /pulumi: not found on PATH/);
        assert.match(stderr, /docker: the CLI is installed but the daemon does not answer/);
        assert.match(stderr, new RegExp(`kind: found v0\\.20\\.0, the pinned node image is built for kind ${KIND_RELEASE.replace(/\./g, "\\.")}`));
        // Only questions were asked: no install, login, stack or deployment.
        assert.deepEqual(calls.sort(), ["docker info", "kind version", "node --version"]);
    });

    it("names each missing tool when none is installed", () => {
        const { status, stderr, calls } = runDevUp({});
        assert.equal(status, 1);
        assert.match(stderr, /5 prerequisite\(s\) missing/);
        for (const tool of ["node", "npm", "pulumi", "docker", "kind"]) assert.match(stderr, new RegExp(`^  - ${tool}: not found on PATH`, "m"));
        assert.deepEqual(calls, []);
    });

    it("with every prerequisite in place it installs, logs in to a local backend and runs pulumi up for dev, in that order", () => {
        const { status, stderr, calls } = runDevUp({ ...GOOD, pulumi: '[ "$1" = whoami ] && exit 1; exit 0' });
        assert.equal(status, 0, stderr);
        const actions = calls.filter((call) => !["node --version", "docker info", "kind version"].includes(call));
        assert.deepEqual(
            actions.map((call) => call.replace(/file:\/\/\S+/, "file://<home>/.pulumi-local")),
            ["npm ci", "pulumi whoami", "pulumi login file://<home>/.pulumi-local", "pulumi stack select --create dev", "pulumi up --yes --stack dev"],
        );
    });
});
