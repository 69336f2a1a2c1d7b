// A loopback HTTP endpoint that records every notification POSTed to it (webhook and Slack bodies are JSON).
import * as http from "node:http";
import { closeServer, listenOnLoopback } from "./process";

export interface Received {
    path: string;
    body: unknown;
    /** Milliseconds since the sink started. */
    atMs: number;
}

export class Sink {
    readonly received: Received[] = [];
    private readonly server = http.createServer((req, res) => {
        let body = "";
        req.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        req.on("end", () => {
            this.received.push({ path: req.url ?? "", body: JSON.parse(body) as unknown, atMs: Date.now() - this.started });
            // Slack's API answers 200 "ok"; a webhook receiver only needs a 2xx.
            res.writeHead(200, { "content-type": "text/plain" }).end("ok");
        });
    });
    private readonly started = Date.now();

    async listen(): Promise<string> {
        return `http://127.0.0.1:${await listenOnLoopback(this.server)}`;
    }

    at(path: string): Received[] {
        return this.received.filter((r) => r.path === path);
    }

    close(): Promise<void> {
        return closeServer(this.server);
    }
}
