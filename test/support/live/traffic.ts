// Steady user traffic from an in-process keep-alive HTTP client: `concurrency` loops per target, each sending
// its next request as soon as the previous one answered. Connection errors (a target being restarted) are counted.
import * as http from "node:http";
import { request, sleep } from "./process";

export class Traffic {
    readonly byStatus = new Map<number | "error", number>();
    private running = true;
    private readonly loops: Promise<void>[] = [];
    private readonly agent = new http.Agent({ keepAlive: true });

    constructor(urls: string[], concurrency: number) {
        for (const url of urls) for (let i = 0; i < concurrency; i++) this.loops.push(this.loop(url));
    }

    private async loop(url: string): Promise<void> {
        while (this.running) {
            let outcome: number | "error";
            try {
                outcome = (await request(url, { agent: this.agent })).status;
            } catch {
                outcome = "error";
                await sleep(50);
            }
            this.byStatus.set(outcome, (this.byStatus.get(outcome) ?? 0) + 1);
        }
    }

    async stop(): Promise<void> {
        this.running = false;
        await Promise.all(this.loops);
        this.agent.destroy();
    }
}
