// kubectl against the e2e cluster only: every call names the kubeconfig file written for it, so a person's
// current context is never used or changed.
import { spawn, spawnSync } from "node:child_process";

export class Kube {
    constructor(private readonly kubeconfig: string) {}

    /** Runs kubectl; throws with its stderr when it fails. */
    run(args: string[]): string {
        const result = spawnSync("kubectl", ["--kubeconfig", this.kubeconfig, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
        if (result.error) throw result.error;
        if (result.status !== 0) throw new Error(`kubectl ${args.join(" ")} failed (exit ${String(result.status)}): ${result.stderr.trim()}`);
        return result.stdout;
    }

    /** Like run, but a failure becomes text: diagnostics collect what they can. */
    tryRun(args: string[]): string {
        try {
            return this.run(args);
        } catch (err) {
            return `(${(err as Error).message})\n`;
        }
    }

    json<T>(args: string[]): T {
        return JSON.parse(this.run([...args, "-o", "json"])) as T;
    }

    /**
     * Forwards a free local port to `svc/<service>:<port>` for the duration of `use`. kubectl picks one ready
     * pod behind the Service and tunnels through the kubelet, so no NodePort or ingress is needed.
     */
    async withPortForward<T>(namespace: string, service: string, port: number, use: (baseUrl: string) => Promise<T>): Promise<T> {
        const child = spawn("kubectl", ["--kubeconfig", this.kubeconfig, "-n", namespace, "port-forward", `svc/${service}`, `:${port}`, "--address", "127.0.0.1"], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        try {
            const localPort = await new Promise<number>((resolve, reject) => {
                let stderr = "";
                const timer = setTimeout(() => reject(new Error(`port-forward to ${namespace}/svc/${service}:${port} did not start within 30 s: ${stderr.trim()}`)), 30_000);
                child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
                    const match = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(chunk);
                    if (match) {
                        clearTimeout(timer);
                        resolve(Number(match[1]));
                    }
                });
                child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
                child.on("exit", (code) => {
                    clearTimeout(timer);
                    reject(new Error(`port-forward to ${namespace}/svc/${service}:${port} exited (${String(code)}): ${stderr.trim()}`));
                });
            });
            return await use(`http://127.0.0.1:${localPort}`);
        } finally {
            child.kill();
        }
    }
}

export interface HttpResult {
    status: number;
    body: string;
}

export async function httpGet(url: string, headers: Record<string, string> = {}): Promise<HttpResult> {
    const response = await fetch(url, { headers, signal: AbortSignal.timeout(15_000) });
    return { status: response.status, body: await response.text() };
}
