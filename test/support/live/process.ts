// Real processes on loopback for the live tests: free ports, HTTP without dependencies, child processes that
// are always stopped by their own PID, and polling with a deadline.
import { strict as assert } from "node:assert";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import * as http from "node:http";
import * as net from "node:net";

export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = net.createServer().once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });
}

/** Listens on a free loopback port and returns it. */
export async function listenOnLoopback(server: http.Server): Promise<number> {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return (server.address() as net.AddressInfo).port;
}

/** Closes the server and every connection still open to it (keep-alive clients). */
export function closeServer(server: http.Server): Promise<void> {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(() => resolve()));
}

export interface HttpResult {
    status: number;
    body: string;
}

export function request(url: string, options: { method?: string; body?: string; agent?: http.Agent; headers?: Record<string, string> } = {}): Promise<HttpResult> {
    return new Promise((resolve, reject) => {
        const req = http.request(url, { method: options.method ?? "GET", agent: options.agent, headers: options.headers }, (res) => {
            let body = "";
            res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on("error", reject).end(options.body);
    });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns a value; fails naming `what` and the last value seen. */
export async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined, intervalMs = 250): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    for (;;) {
        try {
            const value = await probe();
            if (value !== undefined) return value;
        } catch (error) {
            last = error;
        }
        if (Date.now() > deadline) assert.fail(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
        await sleep(intervalMs);
    }
}

/** The first of `names` on PATH, or undefined. */
export function which(...names: string[]): string | undefined {
    return names.find((name) => spawnSync(name, ["--version"], { encoding: "utf8" }).status === 0);
}

/** A child process whose output is kept (for failure messages) and which is stopped by its PID. */
export class Proc {
    private readonly child: ChildProcess;
    private readonly exited: Promise<void>;
    output = "";

    constructor(
        readonly name: string,
        command: string,
        args: string[],
        env: NodeJS.ProcessEnv = { PATH: process.env.PATH },
    ) {
        this.child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
        const keep = (chunk: string) => (this.output = (this.output + chunk).slice(-4000));
        this.child.stdout!.setEncoding("utf8").on("data", keep);
        this.child.stderr!.setEncoding("utf8").on("data", keep);
        this.exited = new Promise((resolve) => this.child.once("exit", () => resolve()));
    }

    get pid(): number {
        assert.ok(this.child.pid, `${this.name} did not start: ${this.output}`);
        return this.child.pid;
    }

    get running(): boolean {
        return this.child.exitCode === null && this.child.signalCode === null;
    }

    /** SIGTERM to this PID, SIGKILL after `graceMs`; resolves once the process has exited. */
    async stop(graceMs = 5000): Promise<void> {
        if (!this.running || this.child.pid === undefined) return;
        process.kill(this.child.pid, "SIGTERM");
        const timer = setTimeout(() => this.running && process.kill(this.pid, "SIGKILL"), graceMs);
        await this.exited;
        clearTimeout(timer);
    }
}

/** Waits until `url` answers 200 while `proc` still runs. */
export async function waitHealthy(proc: Proc, url: string, timeoutMs = 15000): Promise<void> {
    await waitFor(`${proc.name} at ${url}`, timeoutMs, async () => {
        if (!proc.running) assert.fail(`${proc.name} exited: ${proc.output}`);
        return (await request(url)).status === 200 ? true : undefined;
    });
}
