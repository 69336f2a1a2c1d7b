// Runs the real service (app/) from the root tests: compiled from the current sources with the app's own compiler
// into a temp dir (never a stale dist/), started on a free loopback port with an exact environment.
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";

export const APP_DIR = path.join(__dirname, "..", "..", "..", "app");

export const get = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get(url, (res) => {
            let body = "";
            res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        }).on("error", reject);
    });

export const freePort = () =>
    new Promise<number>((resolve, reject) => {
        const server = net.createServer().once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });

/** The compiled entry point (remove its directory when done), or undefined when app/ dependencies are not installed. */
export function compileApp(): string | undefined {
    const tsc = path.join(APP_DIR, "node_modules", ".bin", "tsc");
    if (!fs.existsSync(tsc) || !fs.existsSync(path.join(APP_DIR, "node_modules", "prom-client"))) return undefined;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "app-build-"));
    const build = spawnSync(tsc, ["-p", path.join(APP_DIR, "tsconfig.build.json"), "--outDir", outDir], { encoding: "utf8" });
    assert.equal(build.status, 0, `compiling app/ failed:\n${build.stdout}${build.stderr}`);
    return path.join(outDir, "server.js");
}

export interface LiveApp {
    baseUrl: string;
    stop(): Promise<void>;
}

/** Starts the service with exactly `env` (plus PATH, the port and a loopback host) and waits for /healthz. */
export async function startApp(entry: string, env: Record<string, string>): Promise<LiveApp> {
    const port = await freePort();
    const child = spawn(process.execPath, [entry], {
        env: { PATH: process.env.PATH, ...env, PORT: String(port), HOST: "127.0.0.1", NODE_PATH: path.join(APP_DIR, "node_modules") },
        stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    const stop = async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        await exited;
    };
    const baseUrl = `http://127.0.0.1:${port}`;
    for (let attempt = 0; ; attempt++) {
        try {
            if ((await get(`${baseUrl}/healthz`)).status === 200) return { baseUrl, stop };
        } catch {
            /* not listening yet */
        }
        if (attempt > 100 || child.exitCode !== null) {
            await stop();
            throw new Error(`the service did not start: ${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 100));
    }
}
