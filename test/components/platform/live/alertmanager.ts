// A real Alertmanager on loopback with the generated configuration. Only these things differ from what the
// chart mounts, each applied to a copy and named by the test: file paths (the Secret mount and the template
// directory live in temp dirs), route timings compressed for a bounded test, PagerDuty's and Opsgenie's API
// address pointed at a loopback sink (their `url` / `api_url`; the key still comes from its file), and, on
// Alertmanager older than 0.26 (Debian bookworm ships 0.25), the webhook's `url_file` read into `url` because
// that version cannot parse `url_file` (proven by `amtool check-config` first). PagerDuty's `routing_key_file`,
// Opsgenie's `api_key_file` and Slack's `api_url_file` parse in 0.25 already and stay as generated.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { stringify } from "yaml";
import { destinationFile, type AlertmanagerConfig, type Destination, type Route, type RouteTiming } from "../../../../components/platform";
import { NOTIFICATION_TEMPLATE_GLOB, NOTIFICATION_TEMPLATES } from "../../../../components/platform";
import { Proc, request, waitHealthy, which } from "../../../support/live/process";

export interface AlertmanagerBinary {
    path: string;
    version: [number, number, number];
}

/** Upstream names the binary `alertmanager`; Debian's package `prometheus-alertmanager` names it after itself. */
export function findAlertmanager(): AlertmanagerBinary | undefined {
    const bin = which("alertmanager", "prometheus-alertmanager");
    if (bin === undefined) return undefined;
    const out = spawnSync(bin, ["--version"], { encoding: "utf8" });
    const match = /version (\d+)\.(\d+)\.(\d+)/.exec(`${out.stdout}${out.stderr}`);
    assert.ok(match, `cannot read the version of ${bin}: ${out.stdout}${out.stderr}`);
    return { path: bin, version: [Number(match[1]), Number(match[2]), Number(match[3])] };
}

/** Webhook `url_file` arrived in Alertmanager 0.26. */
const supportsWebhookUrlFile = (v: AlertmanagerBinary["version"]) => v[0] > 0 || v[1] >= 26;

export interface PreparedConfig {
    file: string;
    /** What this copy changes beyond paths and timings, for the test's log. */
    notes: string[];
}

/** Test only: replaces each route's timing by receiver (page / ticket); the root takes the ticket timing. */
function withTimings(route: Route, timings: Record<string, RouteTiming>): Route {
    const timing = timings[route.receiver];
    return { ...route, ...(timing && route.group_wait ? timing : {}), routes: route.routes?.map((r) => withTimings(r, timings)) };
}

/** Where each destination's Secret file points in the test: a sink URL, or for a paging API its key and URL. */
export type TestDestinations = Record<Destination, { file: string; apiUrl?: string }>;

export function prepareConfig(config: AlertmanagerConfig, dir: string, destinations: TestDestinations, am: AlertmanagerBinary, timings: Record<string, RouteTiming>): PreparedConfig {
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(NOTIFICATION_TEMPLATES)) fs.writeFileSync(path.join(dir, name), text);
    let text = JSON.stringify({ ...config, route: withTimings(config.route, timings) }).replaceAll(NOTIFICATION_TEMPLATE_GLOB, path.join(dir, path.basename(NOTIFICATION_TEMPLATE_GLOB)));
    for (const [destination, { file }] of Object.entries(destinations) as [Destination, TestDestinations[Destination]][]) {
        const local = path.join(dir, `${destination}-secret`);
        fs.writeFileSync(local, file);
        text = text.replaceAll(destinationFile(destination), local);
    }
    const relocated = JSON.parse(text) as AlertmanagerConfig;
    for (const r of relocated.receivers) {
        const apiUrl = destinations.page.apiUrl;
        if (apiUrl === undefined) continue;
        r.pagerduty_configs = r.pagerduty_configs?.map((c) => ({ ...c, url: apiUrl }));
        r.opsgenie_configs = r.opsgenie_configs?.map((c) => ({ ...c, api_url: apiUrl }));
    }
    const file = path.join(dir, "alertmanager.yml");
    fs.writeFileSync(file, stringify(relocated));
    const notes: string[] = [];
    const usesWebhookUrlFile = relocated.receivers.some((r) => r.webhook_configs?.some((w) => w.url_file));
    if (usesWebhookUrlFile && !supportsWebhookUrlFile(am.version)) {
        const check = spawnSync("amtool", ["check-config", file], { encoding: "utf8" });
        assert.notEqual(check.status, 0, "this Alertmanager was expected to reject webhook url_file");
        assert.match(`${check.stdout}${check.stderr}`, /field url_file not found/, "rejected for another reason than url_file");
        for (const r of relocated.receivers) r.webhook_configs = r.webhook_configs?.map(({ url_file, ...rest }) => ({ ...rest, url: fs.readFileSync(url_file, "utf8") }) as never);
        fs.writeFileSync(file, stringify(relocated));
        notes.push(`Alertmanager ${am.version.join(".")} cannot parse webhook url_file (0.26+); this copy reads the file into url`);
    }
    const check = spawnSync("amtool", ["check-config", file], { encoding: "utf8" });
    assert.equal(check.status, 0, `amtool check-config rejected the generated config:\n${check.stdout}${check.stderr}`);
    return { file, notes };
}

export interface AmAlert {
    labels: Record<string, string>;
    receivers: { name: string }[];
    status: { state: "active" | "suppressed" | "unprocessed"; inhibitedBy: string[] };
}

export class Alertmanager {
    private constructor(
        readonly proc: Proc,
        private readonly base: string,
    ) {}

    static async start(am: AlertmanagerBinary, name: string, config: PreparedConfig, dir: string, port: number, externalUrl: string): Promise<Alertmanager> {
        const proc = new Proc(name, am.path, [
            // What the operator passes from alertmanagerSpec.externalUrl: the base of every silence link.
            `--web.external-url=${externalUrl}`,
            `--config.file=${config.file}`,
            `--storage.path=${path.join(dir, "data")}`,
            `--web.listen-address=127.0.0.1:${port}`,
            // No gossip: each test instance is its own cluster (and binds no extra port).
            "--cluster.listen-address=",
            "--log.level=warn",
        ]);
        const base = `http://127.0.0.1:${port}`;
        await waitHealthy(proc, `${base}/-/ready`);
        return new Alertmanager(proc, base);
    }

    /** Posts alerts as Prometheus does (API v2), e.g. the chart's default alerts with their real labels. */
    async post(alerts: { labels: Record<string, string>; annotations?: Record<string, string> }[]): Promise<void> {
        const res = await request(`${this.base}/api/v2/alerts`, { method: "POST", body: JSON.stringify(alerts), headers: { "content-type": "application/json" } });
        assert.equal(res.status, 200, res.body);
    }

    async alerts(): Promise<AmAlert[]> {
        const res = await request(`${this.base}/api/v2/alerts`);
        assert.equal(res.status, 200, res.body);
        return JSON.parse(res.body) as AmAlert[];
    }
}
