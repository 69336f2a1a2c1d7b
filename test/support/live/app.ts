// The service in app/, compiled from its current sources with its own compiler and run on loopback.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { freePort, Proc, waitHealthy } from "./process";

export const APP_DIR = path.join(__dirname, "..", "..", "..", "app");

/**
 * Compiles app/src into a temp dir (so a run reflects the current sources, not a stale dist/) and returns the
 * entry point; the caller removes its directory. Undefined when app/ dependencies are not installed.
 */
export function compileApp(): string | undefined {
    const tsc = path.join(APP_DIR, "node_modules", ".bin", "tsc");
    if (!fs.existsSync(tsc) || !fs.existsSync(path.join(APP_DIR, "node_modules", "prom-client"))) return undefined;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "app-build-"));
    const build = spawnSync(tsc, ["-p", path.join(APP_DIR, "tsconfig.build.json"), "--outDir", outDir], { encoding: "utf8" });
    assert.equal(build.status, 0, `compiling app/ failed:\n${build.stdout}${build.stderr}`);
    return path.join(outDir, "server.js");
}

/** Starts the compiled service on 127.0.0.1:`port` with extra environment (e.g. FAIL_RATE) and waits for /healthz. */
export async function startApp(entry: string, name: string, port: number, env: Record<string, string> = {}): Promise<Proc> {
    // The port and host always win: a pod's own environment (its ConfigMap) names the container port.
    const proc = new Proc(name, process.execPath, [entry], { PATH: process.env.PATH, NODE_PATH: path.join(APP_DIR, "node_modules"), ...env, PORT: String(port), HOST: "127.0.0.1" });
    await waitHealthy(proc, `http://127.0.0.1:${port}/healthz`);
    return proc;
}

export interface LiveApp {
    baseUrl: string;
    /** Kills the service at once: these tests are about what it serves, not how it shuts down. */
    stop(): Promise<void>;
}

/** Starts the compiled service on a free loopback port with exactly `env` (plus PATH, port and host). */
export async function startLiveApp(entry: string, env: Record<string, string> = {}): Promise<LiveApp> {
    const port = await freePort();
    const proc = await startApp(entry, "greeter", port, env);
    return { baseUrl: `http://127.0.0.1:${port}`, stop: () => proc.stop(0) };
}
