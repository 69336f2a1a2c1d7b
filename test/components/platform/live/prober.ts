// Stands in for the blackbox exporter (its Go binary is not on the test machines): answers Prometheus'
// `/probe?module=http_2xx&target=<url>` the way the exporter's http_2xx module does for what the app's Probe
// needs, by really requesting the target: probe_success 1 for a 2xx within the timeout, 0 for anything else.
import * as http from "node:http";
import { closeServer, listenOnLoopback, request } from "../../../support/live/process";

const TIMEOUT_MS = 5000;

async function probe(target: string): Promise<number> {
    try {
        const answer = await Promise.race([request(target), new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), TIMEOUT_MS))]);
        return answer !== undefined && answer.status >= 200 && answer.status < 300 ? 1 : 0;
    } catch {
        return 0;
    }
}

export class HttpProber {
    private readonly server = http.createServer((req, res) => {
        const target = new URL(req.url ?? "/", "http://prober").searchParams.get("target");
        if (target === null) return void res.writeHead(400).end("target missing");
        void probe(target).then((success) => res.writeHead(200, { "content-type": "text/plain; version=0.0.4" }).end(`probe_success ${success}\n`));
    });

    async listen(): Promise<string> {
        return `127.0.0.1:${await listenOnLoopback(this.server)}`;
    }

    close(): Promise<void> {
        return closeServer(this.server);
    }
}
