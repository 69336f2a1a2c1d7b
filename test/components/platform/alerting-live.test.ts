// Monitoring end to end on loopback, with real binaries: two instances of the built service, labelled as the
// Prometheus Operator labels the ServiceMonitor's targets; a real Prometheus with the generated rules; a real
// Alertmanager per receiver variant (none, webhook, slack) with the generated config and templates; and a
// loopback sink standing in for the webhook endpoint and for Slack's API.
//
// Test-only compressions (the production values are untouched and unit-tested elsewhere): scrape and rule
// evaluation every second (the ServiceMonitor says 30 s), every rule's `for` divided by FOR_FACTOR, and the
// route timings of TEST_TIMINGS (production: page 30s/5m/1h, ticket 5m/30m/24h). kube-state-metrics and
// cAdvisor need a cluster; KubeMetricsFixture serves their series for the dashboard's pod panels.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BURN_RATE_ALERTS, SERVICE_ALERTS } from "../../../components/app";
import { dashboardPanels } from "../../../components/app";
import { appPrometheusRule } from "../../../components/app";
import { alertmanagerConfig, RECEIVERS, ROUTE_TIMING, type RouteTiming } from "../../../components/platform";
import { monitoringValues } from "../../../components/platform";
import { presets } from "../../../stacks";
import type { MonitoringConfig } from "../../../stacks";
import { presetSpec } from "../app/support";
import { compileApp, startApp } from "../../support/live/app";
import { freePort, Proc, sleep, waitFor, which } from "../../support/live/process";
import { Sink, type Received } from "../../support/live/sink";
import { Traffic } from "../../support/live/traffic";
import { Alertmanager, findAlertmanager, prepareConfig, type AlertmanagerBinary } from "./live/alertmanager";
import { KubeMetricsFixture } from "./live/kube-fixture";
import { compressFor, Prometheus, startPrometheus } from "./live/prometheus";

const STACK = "prod";
const FOR_FACTOR = 20;
/** Same order as production (a page is sent sooner and updated more often than a ticket), in seconds. */
const TEST_TIMINGS: Record<"page" | "ticket", RouteTiming> = {
    page: { group_wait: "5s", group_interval: "20s", repeat_interval: "10m" },
    ticket: { group_wait: "8s", group_interval: "30s", repeat_interval: "10m" },
};
const VARIANTS = ["none", "webhook", "slack"] as const;
type Variant = (typeof VARIANTS)[number];

const PAGE_ALERTS = BURN_RATE_ALERTS.filter((a) => a.severity === "page").map((a) => a.alert);
const TICKET_BURN_ALERTS = BURN_RATE_ALERTS.filter((a) => a.severity === "ticket").map((a) => a.alert);

interface WebhookAlert {
    status: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}
interface WebhookBody {
    receiver: string;
    status: string;
    groupLabels: Record<string, string>;
    commonLabels: Record<string, string>;
    alerts: WebhookAlert[];
}
interface SlackBody {
    channel: string;
    attachments: { title: string; text: string }[];
}

const webhookOf = (r: Received) => r.body as WebhookBody;
const slackOf = (r: Received) => (r.body as SlackBody).attachments[0];
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function requireBinaries(): AlertmanagerBinary {
    const missing = [which("prometheus") ? "" : "prometheus", which("amtool") ? "" : "prometheus-alertmanager (amtool)"].filter(Boolean);
    const am = findAlertmanager();
    if (!am) missing.push("prometheus-alertmanager");
    if (missing.length > 0) assert.fail(`missing on PATH: ${missing.join(", ")}; install the Debian packages prometheus and prometheus-alertmanager (.ci/run installs them)`);
    return am!;
}

describe("monitoring live: service → Prometheus (generated rules) → Alertmanager (generated config) → receiver", function () {
    this.timeout(180000);
    const spec = presetSpec(STACK);
    const base: MonitoringConfig = presets[STACK].monitoring;
    const configs: Record<Variant, MonitoringConfig> = { none: { ...base, alertReceiver: "none" }, webhook: { ...base, alertReceiver: "webhook" }, slack: { ...base, alertReceiver: "slack", slackChannel: "#alerts" } };
    const pods = ["greeter-6c9d7-a1b2c", "greeter-6c9d7-d3e4f"];
    let started = Date.now();
    const timeline: string[] = [];
    const mark = (what: string) => timeline.push(`${what} at ${seconds(Date.now() - started)}`);
    const dirs: string[] = [];
    const procs: Proc[] = [];
    const apps: Proc[] = [];
    const ams = {} as Record<Variant, Alertmanager>;
    let appPorts: number[];
    let entry: string;
    let sink: Sink;
    let kube: KubeMetricsFixture;
    let prometheus: Prometheus;
    let traffic: Traffic;

    const startApps = async (failRate: string) => {
        for (const [i, port] of appPorts.entries()) apps[i] = await startApp(entry, pods[i], port, { FAIL_RATE: failRate });
    };

    before(async function () {
        started = Date.now();
        const am = requireBinaries();
        const compiled = compileApp();
        assert.ok(compiled, "app/ dependencies are not installed (npm ci installs them)");
        entry = compiled;
        dirs.push(path.dirname(entry));
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "monitoring-live-"));
        dirs.push(dir);

        sink = new Sink();
        const sinkUrl = await sink.listen();
        kube = new KubeMetricsFixture(spec.namespace, pods);
        const kubeAddress = await kube.listen();
        const amPorts: number[] = [];
        for (const variant of VARIANTS) {
            const prepared = prepareConfig(alertmanagerConfig(configs[variant]), path.join(dir, variant), `${sinkUrl}/${variant}`, am, TEST_TIMINGS);
            for (const note of prepared.notes) timeline.push(`${variant}: ${note}`);
            amPorts.push(await freePort());
            ams[variant] = await Alertmanager.start(am, `alertmanager-${variant}`, prepared, path.join(dir, variant), amPorts.at(-1)!);
            procs.push(ams[variant].proc);
        }
        appPorts = [await freePort(), await freePort()];
        await startApps("0");
        prometheus = await startPrometheus({
            dir,
            port: await freePort(),
            groups: compressFor(appPrometheusRule(spec).spec.groups!, FOR_FACTOR),
            externalLabels: monitoringValues(base, presets[STACK].cluster, STACK).prometheus.prometheusSpec.externalLabels,
            namespace: spec.namespace,
            apps: appPorts.map((port, i) => ({ address: `127.0.0.1:${port}`, pod: pods[i] })),
            kubeMetrics: kubeAddress,
            alertmanagers: amPorts.map((port) => `127.0.0.1:${port}`),
            interval: "1s",
        });
        procs.push(prometheus.proc);
        traffic = new Traffic(appPorts.map((port) => `http://127.0.0.1:${port}/work`), 4);
        mark(`started (Alertmanager ${am.version.join(".")} at ${am.path})`);
    });

    after(async function () {
        await traffic?.stop();
        for (const proc of [...apps, ...procs]) await proc.stop();
        await sink?.close();
        await kube?.close();
        for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
        mark("stopped");
        console.log(`      timeline: ${timeline.join("; ")}; requests by status: ${JSON.stringify(Object.fromEntries(traffic?.byStatus ?? []))}`);
    });

    it("healthy (FAIL_RATE=0): every recording rule and dashboard query returns data, the error ratios are 0, and nothing fires", async () => {
        const groups = appPrometheusRule(spec).spec.groups!;
        const records = groups.flatMap((g) => (g.rules ?? []).flatMap((r) => (r.record ? [r.record] : [])));
        const queries = [...records, ...dashboardPanels(spec).flatMap((p) => p.targets.map((t) => t.expr))];
        assert.equal(records.length, 7);
        const empty = async () => {
            const results = await Promise.all(queries.map(async (q) => [q, (await prometheus.query(q)).length] as const));
            return results.filter(([, n]) => n === 0).map(([q]) => q);
        };
        await waitFor("data for every recording rule and dashboard query", 30000, async () => ((await empty()).length === 0 ? true : undefined), 500);
        // A few more seconds of healthy traffic, so a pending alert would have become visible.
        await sleep(4000);
        assert.deepEqual(await empty(), [], "queries without data");
        for (const record of records) {
            const samples = await prometheus.query(record);
            assert.deepEqual(
                samples.map((s) => [s.metric.namespace, s.metric.job, s.value[1]]),
                [[spec.namespace, "greeter", "0"]],
                `${record}: one series, ratio 0 with no 5xx series`,
            );
        }
        assert.deepEqual(await prometheus.alerts(), [], "no alert pending or firing");
        for (const variant of VARIANTS) assert.deepEqual(await ams[variant].alerts(), [], `alertmanager-${variant} holds no alert`);
        assert.deepEqual(sink.received, [], "nothing notified");
        mark("healthy checked");
    });

    it("one pod down: GreeterTargetDown (warning) follows the ticket route, with summary, description, stack and runbook", async () => {
        await apps[1].stop();
        const stoppedAt = Date.now();
        const [webhook, slack] = await waitFor("a ticket at the webhook and at Slack", 60000, () => {
            const tickets = (["webhook", "slack"] as const).map((v) => sink.at(`/${v}`).find((r) => v === "slack" || webhookOf(r).receiver === RECEIVERS.ticket));
            return tickets.every(Boolean) ? (tickets as Received[]) : undefined;
        });
        mark(`ticket delivered ${seconds(Date.now() - stoppedAt)} after a pod stopped`);
        const body = webhookOf(webhook);
        assert.equal(body.receiver, RECEIVERS.ticket);
        assert.deepEqual(body.groupLabels, { namespace: spec.namespace });
        assert.deepEqual(body.alerts.map((a) => [a.labels.alertname, a.labels.severity, a.labels.pod, a.labels.stack, a.status]), [[SERVICE_ALERTS.targetDown, "warning", pods[1], STACK, "firing"]]);
        const rule = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []).find((r) => r.alert === SERVICE_ALERTS.targetDown)!;
        assert.deepEqual(body.alerts[0].annotations, rule.annotations);

        const message = slackOf(slack);
        assert.equal(message.title, `[TICKET] ${STACK}/${spec.namespace}: 1 firing, 0 resolved`);
        for (const text of [rule.annotations!.summary, rule.annotations!.description, rule.annotations!.runbook_url, `Stack: ${STACK}, namespace ${spec.namespace}`]) {
            assert.ok(message.text.includes(text), `Slack text lacks ${JSON.stringify(text)}:\n${message.text}`);
        }
        assert.equal((slack.body as SlackBody).channel, "#alerts");
    });

    it("recovery: the resolved ticket names what recovered, with the same text as when it fired", async () => {
        // The stopped pod comes back, GreeterTargetDown resolves, and its ticket group sends the resolved
        // notification at its next group_interval. (Later, during the outage, a resolved ticket would be muted by
        // the page like the rest of the namespace's tickets.) A template that drops resolved alerts would send a
        // title and an empty body, so the text is checked here.
        apps[1] = await startApp(entry, pods[1], appPorts[1], { FAIL_RATE: "0" });
        const resolvedAt = (variant: "webhook" | "slack") =>
            sink.at(`/${variant}`).find((r) => (variant === "webhook" ? webhookOf(r).receiver === RECEIVERS.ticket && webhookOf(r).status === "resolved" : slackOf(r).title.startsWith("[TICKET resolved]")));
        const [webhook, slack] = await waitFor("a resolved ticket at the webhook and at Slack", 60000, () => {
            const found = [resolvedAt("webhook"), resolvedAt("slack")];
            return found.every(Boolean) ? (found as Received[]) : undefined;
        });
        mark("resolved ticket delivered");
        assert.deepEqual(
            webhookOf(webhook).alerts.map((a) => [a.labels.alertname, a.status]),
            [[SERVICE_ALERTS.targetDown, "resolved"]],
        );
        const message = slackOf(slack);
        assert.equal(message.title, `[TICKET resolved] ${STACK}/${spec.namespace}: 0 firing, 1 resolved`);
        const rule = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []).find((r) => r.alert === SERVICE_ALERTS.targetDown)!;
        for (const text of [`${SERVICE_ALERTS.targetDown} (warning, resolved)`, rule.annotations!.summary, rule.annotations!.runbook_url, `Stack: ${STACK}, namespace ${spec.namespace}`]) {
            assert.ok(message.text.includes(text), `resolved Slack text lacks ${JSON.stringify(text)}:\n${message.text}`);
        }
    });

    it("outage (FAIL_RATE=0.5): the fast-burn page reaches each receiver once per group; the outage's tickets are inhibited", async () => {
        for (const app of apps) await app.stop();
        await startApps("0.5");
        const failingAt = Date.now();
        const pages = () => {
            const found = { webhook: sink.at("/webhook").filter((r) => webhookOf(r).receiver === RECEIVERS.page), slack: sink.at("/slack").filter((r) => slackOf(r).title.startsWith("[PAGE]")) };
            return found.webhook.length > 0 && found.slack.length > 0 ? found : undefined;
        };
        const first = await waitFor("a page at the webhook and at Slack", 60000, pages);
        const pagedAt = Date.now();
        mark(`page delivered ${seconds(pagedAt - failingAt)} after failing traffic started`);
        const rules = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []);

        // One notification for the incident, holding both page alerts, each with its text and the stack.
        const body = webhookOf(first.webhook[0]);
        assert.deepEqual(body.groupLabels, { namespace: spec.namespace });
        assert.equal(body.commonLabels.stack, STACK);
        assert.deepEqual(body.alerts.map((a) => a.labels.alertname).sort(), [...PAGE_ALERTS].sort(), "both page alerts in the first page");
        const message = slackOf(first.slack[0]);
        assert.equal(message.title, `[PAGE] ${STACK}/${spec.namespace}: ${PAGE_ALERTS.length} firing, 0 resolved`);
        for (const alert of PAGE_ALERTS) {
            const annotations = rules.find((r) => r.alert === alert)!.annotations!;
            assert.deepEqual(body.alerts.find((a) => a.labels.alertname === alert)!.annotations, annotations);
            for (const text of [annotations.summary, annotations.description, annotations.runbook_url]) assert.ok(message.text.includes(text), `Slack text lacks ${JSON.stringify(text)}`);
        }

        // The burn-rate tickets of the same outage fire too, follow the ticket route, and are muted by the page.
        for (const variant of VARIANTS) {
            const alerts = await waitFor(`${variant}: the ticket burn alerts in Alertmanager`, 20000, async () => {
                const all = await ams[variant].alerts();
                return TICKET_BURN_ALERTS.every((name) => all.some((a) => a.labels.alertname === name)) ? all : undefined;
            });
            for (const alert of alerts.filter((a) => TICKET_BURN_ALERTS.includes(a.labels.alertname))) {
                assert.deepEqual(alert.receivers.map((r) => r.name), [RECEIVERS.ticket], `${variant}: ${alert.labels.alertname} routed to ticket`);
                assert.equal(alert.status.state, "suppressed", `${variant}: ${alert.labels.alertname} inhibited`);
                assert.ok(alert.status.inhibitedBy.length > 0, `${variant}: ${alert.labels.alertname} inhibited by the page`);
            }
            for (const alert of alerts.filter((a) => PAGE_ALERTS.includes(a.labels.alertname))) {
                assert.deepEqual([alert.receivers.map((r) => r.name), alert.status.state], [[RECEIVERS.page], "active"], `${variant}: ${alert.labels.alertname}`);
            }
        }

        // Past the page route's group_interval: still one page per receiver, and no ticket with a firing alert.
        await sleep(Math.max(0, pagedAt + 22000 - Date.now()));
        const after = pages()!;
        assert.deepEqual([after.webhook.length, after.slack.length], [1, 1], "one page per group and receiver");
        const laterTickets = sink.at("/webhook").filter((r) => webhookOf(r).receiver === RECEIVERS.ticket && r.atMs >= first.webhook[0].atMs);
        for (const ticket of laterTickets) assert.deepEqual(webhookOf(ticket).alerts.filter((a) => a.status === "firing"), [], "no ticket fires while the incident pages");
        assert.ok(sink.received.every((r) => r.path === "/webhook" || r.path === "/slack"), "the none variant notifies nobody");
        assert.ok(Date.now() - started < 180000, "the live test stays within 3 minutes");
        mark("outage checked");
    });

    it("the compressed timings keep production's order: a page is sent sooner and updated more often than a ticket", () => {
        for (const timings of [ROUTE_TIMING, TEST_TIMINGS]) {
            const s = (d: string) => Number(d.slice(0, -1)) * ({ s: 1, m: 60, h: 3600 } as Record<string, number>)[d.slice(-1)];
            assert.ok(s(timings.page.group_wait) < s(timings.ticket.group_wait));
            assert.ok(s(timings.page.group_interval) < s(timings.ticket.group_interval));
        }
    });
});
