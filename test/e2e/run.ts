// `npm run test:e2e`: deploys a throwaway dev-like stack to a new kind cluster with Pulumi's Automation API,
// checks the running platform, proves a second `up` and a preview after it change nothing, and destroys it all. Needs Docker, kind,
// kubectl and the Pulumi CLI at the SDK's version; without them it refuses to start and exits 1.
// Environment (all optional): E2E_STACK (name, must start with "e2e-"), E2E_STATE_DIR (local backend folder),
// PULUMI_CONFIG_PASSPHRASE, E2E_DIAGNOSTICS_DIR, E2E_CHECK_TIMEOUT_SEC (default 600), E2E_KEEP=1 (skip destroy).
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LocalWorkspace, type Stack } from "@pulumi/pulumi/automation";
import { findProjectRoot } from "../../components/project-root";
import { PROJECT } from "../../stacks";
import { checkClusterGone, checkNoOpUpdate } from "./checks/pulumi";
import { collectDiagnostics } from "./diagnostics";
import { checkTimeoutMs, E2E_ENVIRONMENT, e2eStackName, expectationsFor } from "./expectations";
import { Kube } from "./kube";
import { preflightProblems, refusalMessage, type Probe, type ToolProbes } from "./preflight";
import { verifyPlatform } from "./verify";

const ROOT = findProjectRoot(__dirname);

function probe(tool: string, args: string[]): Probe {
    const result = spawnSync(tool, args, { encoding: "utf8", timeout: 30_000 });
    if (result.error && "code" in result.error && result.error.code === "ENOENT") return { found: false };
    return { found: true, ok: result.status === 0, output: `${result.stdout ?? ""}${result.stderr ?? ""}` };
}

function probeTools(): ToolProbes {
    return {
        docker: probe("docker", ["info", "--format", "{{.ServerVersion}}"]),
        kind: probe("kind", ["version"]),
        pulumi: probe("pulumi", ["version"]),
        kubectl: probe("kubectl", ["version", "--client"]),
    };
}

function pulumiSdkVersion(): string {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    return pkg.dependencies["@pulumi/pulumi"];
}

const log = (message: string) => console.log(`\n=== e2e: ${message}`);
const print = (out: string) => process.stdout.write(out);

function kindKubeconfig(clusterName: string, file: string): Kube {
    const result = spawnSync("kind", ["get", "kubeconfig", "--name", clusterName], { encoding: "utf8" });
    if (result.status !== 0) throw new Error(`kind get kubeconfig --name ${clusterName} failed: ${result.stderr.trim()}`);
    fs.writeFileSync(file, result.stdout, { mode: 0o600 });
    return new Kube(file);
}

/** Diagnostics are taken once, at the first failure, before anything else changes the cluster. */
function diagnoseOnce(kube: Kube | undefined, dir: string, done: { value: boolean }): void {
    if (done.value || kube === undefined) return;
    done.value = true;
    collectDiagnostics(kube, dir);
}

interface RunSettings {
    stateDir: string;
    diagnosticsDir: string;
    deadlineMs: number;
}

async function deployAndVerify(stack: Stack, stackName: string, settings: RunSettings, failures: string[]): Promise<void> {
    const { stateDir, diagnosticsDir, deadlineMs } = settings;
    const diagnosed = { value: false };
    const expected = expectationsFor(stackName);
    const greeting = `e2e greeting for ${stackName}`;
    let kube: Kube | undefined;
    try {
        await stack.setAllConfig({
            [`${PROJECT}:environment`]: { value: E2E_ENVIRONMENT },
            [`${PROJECT}:greeting`]: { value: greeting, secret: true },
            [`${PROJECT}:alertmanagerWebhookUrl`]: { value: "", secret: true },
        });
        log(`pulumi up (1 of 2) on stack ${stackName}, kind cluster ${expected.clusterName}`);
        const first = await stack.up({ onOutput: print });
        kube = kindKubeconfig(expected.clusterName, path.join(stateDir, "kubeconfig"));
        const grafanaPassword = String(first.outputs["grafanaAdminPassword"]?.value ?? "");
        log("checking the running platform");
        failures.push(...(await verifyPlatform({ kube, expected, greeting, grafanaPassword, deadlineMs })));
        if (failures.length > 0) diagnoseOnce(kube, diagnosticsDir, diagnosed);

        log("pulumi up (2 of 2): must change nothing");
        const second = await stack.up({ onOutput: print });
        const noOp = checkNoOpUpdate(second.summary.resourceChanges);
        console.log(`${noOp.length === 0 ? "PASS" : "FAIL"} second pulumi up is a no-op: ${JSON.stringify(second.summary.resourceChanges)}`);
        failures.push(...noOp);

        // What a reviewer sees on the next pull request: a preview of the deployed stack must show no changes.
        log("pulumi preview after the second up: must show no changes");
        const preview = await stack.preview({ onOutput: print });
        const previewNoOp = checkNoOpUpdate(preview.changeSummary, "the preview after the second pulumi up");
        console.log(`${previewNoOp.length === 0 ? "PASS" : "FAIL"} preview after the second pulumi up shows no changes: ${JSON.stringify(preview.changeSummary)}`);
        failures.push(...previewNoOp);
    } catch (err) {
        failures.push(`deploy: ${(err as Error).message}`);
        // The cluster may exist even when `up` failed part-way; its state is what a person needs to see.
        kube ??= (() => {
            try {
                return kindKubeconfig(expected.clusterName, path.join(stateDir, "kubeconfig"));
            } catch {
                return undefined;
            }
        })();
    }
    if (failures.length > 0) diagnoseOnce(kube, diagnosticsDir, diagnosed);
}

async function destroy(stack: Stack, stackName: string, failures: string[]): Promise<boolean> {
    const clusterName = expectationsFor(stackName).clusterName;
    try {
        log("pulumi destroy");
        await stack.destroy({ onOutput: print });
        const clusters = spawnSync("kind", ["get", "clusters"], { encoding: "utf8" });
        const gone = checkClusterGone(clusters.stdout ?? "", clusterName);
        console.log(`${gone.length === 0 ? "PASS" : "FAIL"} destroy removed kind cluster ${clusterName}`);
        failures.push(...gone);
        await stack.workspace.removeStack(stackName);
        return gone.length === 0;
    } catch (err) {
        failures.push(`destroy: ${(err as Error).message}`);
        return false;
    }
}

async function main(): Promise<number> {
    const problems = preflightProblems(probeTools(), pulumiSdkVersion());
    if (problems.length > 0) {
        console.error(refusalMessage(problems));
        return 1;
    }
    const stackName = e2eStackName(process.env.E2E_STACK, () => randomBytes(4).toString("hex"));
    const deadlineMs = checkTimeoutMs(process.env.E2E_CHECK_TIMEOUT_SEC);
    const stateDir = process.env.E2E_STATE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "platform-e2e-"));
    fs.mkdirSync(stateDir, { recursive: true });
    const diagnosticsDir = process.env.E2E_DIAGNOSTICS_DIR ?? path.join(ROOT, "out", "e2e-diagnostics");
    // The default folder is ours: clear an earlier run's files so they are not read as this run's.
    if (process.env.E2E_DIAGNOSTICS_DIR === undefined) fs.rmSync(diagnosticsDir, { recursive: true, force: true });
    // A throwaway stack's secrets need a passphrase, never a real one. A generated one is kept beside the
    // state (deleted with it) so a kept stack can still be destroyed by hand.
    const passphrase = process.env.PULUMI_CONFIG_PASSPHRASE || randomBytes(24).toString("hex");
    if (!process.env.PULUMI_CONFIG_PASSPHRASE) fs.writeFileSync(path.join(stateDir, "passphrase"), passphrase, { mode: 0o600 });
    const envVars = { PULUMI_BACKEND_URL: `file://${stateDir}`, PULUMI_CONFIG_PASSPHRASE: passphrase, PULUMI_SKIP_UPDATE_CHECK: "true" };
    const stack = await LocalWorkspace.createStack({ stackName, workDir: ROOT }, { envVars });
    const failures: string[] = [];
    const started = Date.now();

    await deployAndVerify(stack, stackName, { stateDir, diagnosticsDir, deadlineMs }, failures);
    if (failures.length > 0) {
        fs.mkdirSync(diagnosticsDir, { recursive: true });
        fs.writeFileSync(path.join(diagnosticsDir, "failures.txt"), `${failures.join("\n")}\n`);
    }
    const cleaned = process.env.E2E_KEEP === "1" ? false : await destroy(stack, stackName, failures);
    if (cleaned) {
        fs.rmSync(path.join(ROOT, `Pulumi.${stackName}.yaml`), { force: true });
        if (process.env.E2E_STATE_DIR === undefined) fs.rmSync(stateDir, { recursive: true, force: true });
    } else {
        console.error(
            `\nStack ${stackName} was kept. Its state is in ${stateDir}; remove it with:\n` +
                `  PULUMI_BACKEND_URL=file://${stateDir} PULUMI_CONFIG_PASSPHRASE=<the passphrase, or the file ${stateDir}/passphrase> pulumi destroy --yes --remove --stack ${stackName}`,
        );
    }

    const minutes = ((Date.now() - started) / 60_000).toFixed(1);
    if (failures.length === 0) {
        log(`passed in ${minutes} min`);
        return 0;
    }
    log(`FAILED after ${minutes} min, ${failures.length} problem(s):`);
    for (const failure of failures) console.error(`  - ${failure}`);
    return 1;
}

main().then(
    (code) => process.exit(code),
    (err: unknown) => {
        console.error(`e2e: ${(err as Error).stack ?? String(err)}`);
        process.exit(1);
    },
);
