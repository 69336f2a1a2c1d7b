// Monitoring end to end on loopback, with real binaries: two instances of the built service, labelled as the
// Prometheus Operator labels the ServiceMonitor's targets; a loopback prober standing in for the blackbox
// exporter; a real Prometheus with the generated rules (plus the chart's Watchdog); a real Alertmanager per
// receiver variant (none; webhooks; prod's PagerDuty pages, Slack tickets and heartbeat) with the generated
// config and templates; and three loopback sinks, one per destination: pages, tickets, heartbeats.
//
// Test-only compressions (the production values are untouched and unit-tested elsewhere): scrape and rule
// evaluation every second (the ServiceMonitor says 30 s), every rule's `for` divided by FOR_FACTOR, and the
// route timings of TEST_TIMINGS (production: page 30s/5m/1h, ticket 5m/30m/24h). kube-state-metrics and
// cAdvisor need a cluster; KubeMetricsFixture serves their series for the dashboard's pod panels.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { BURN_RATE_ALERTS, PROBE_JOB, SERVICE_ALERTS } from "../../../components/app";
import { dashboardPanels } from "../../../components/app";
import { appPrometheusRule } from "../../../components/app";
import { alertmanagerConfig, RECEIVERS, ROUTE_TIMING, WATCHDOG, type Destination, type RouteTiming } from "../../../components/platform";
import { monitoringValues } from "../../../components/platform";
import { presets } from "../../../stacks";
import type { MonitoringConfig } from "../../../stacks";
import { presetSpec } from "../app/support";
import { compileApp, startApp } from "../../support/live/app";
import { freePort, Proc, sleep, waitFor, which } from "../../support/live/process";
import { Sink, type Received } from "../../support/live/sink";
import { Traffic } from "../../support/live/traffic";
import { Alertmanager, findAlertmanager, prepareConfig, type AlertmanagerBinary, type TestDestinations } from "./live/alertmanager";
import { HttpProber } from "./live/prober";
import { KubeMetricsFixture } from "./live/kube-fixture";
import { compressFor, Prometheus, startPrometheus } from "./live/prometheus";

const STACK = "prod";
const FOR_FACTOR = 20;
/** Same order as production (a page is sent sooner and updated more often than a ticket), in seconds. */
const TEST_TIMINGS: Record<"page" | "ticket" | "heartbeat", RouteTiming> = {
    page: { group_wait: "5s", group_interval: "20s", repeat_interval: "10m" },
    ticket: { group_wait: "8s", group_interval: "30s", repeat_interval: "10m" },
    heartbeat: { group_wait: "0s", group_interval: "2s", repeat_interval: "4s" },
};
const VARIANTS = ["none", "webhook", "prod"] as const;
/** The chart's always-firing rule (kube-prometheus-stack `general.rules`), which the heartbeat route serves. */
const CHART_WATCHDOG = { name: "general.rules", rules: [{ alert: WATCHDOG, expr: "vector(1)", labels: { severity: "none" } }] };
type Variant = (typeof VARIANTS)[number];

const PAGE_ALERTS = BURN_RATE_ALERTS.filter((a) => a.severity === "page" && a.sli === "availability").map((a) => a.alert);
const TICKET_BURN_ALERTS = BURN_RATE_ALERTS.filter((a) => a.severity === "ticket" && a.sli === "availability").map((a) => a.alert);

interface WebhookAlert {
    status: string;
    labels: Record<string, string>;
    annotations: Record<string, string>;
}
interface WebhookAlertFull extends WebhookAlert {
    generatorURL: string;
}
interface WebhookBody {
    receiver: string;
    externalURL: string;
    status: string;
    groupLabels: Record<string, string>;
    commonLabels: Record<string, string>;
    alerts: WebhookAlertFull[];
}
/** PagerDuty Events API v2 body as Alertmanager sends it. */
interface PagerdutyBody {
    routing_key: string;
    event_action: string;
    payload: { summary: string; custom_details: { alerts: string } };
}
interface SlackBody {
    channel: string;
    attachments: { title: string; text: string }[];
}

const webhookOf = (r: Received) => r.body as WebhookBody;
const slackOf = (r: Received) => (r.body as SlackBody).attachments[0];
const pagerdutyOf = (r: Received) => r.body as PagerdutyBody;
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
    const configs: Record<Variant, MonitoringConfig> = {
        none: { ...base, ticketReceiver: "none", pageReceiver: "none", heartbeatReceiver: "none" },
        webhook: { ...base, ticketReceiver: "webhook", pageReceiver: "webhook", heartbeatReceiver: "webhook" },
        prod: base,
    };
    const routingKey = "test-routing-key-4f1d";
    const pods = ["greeter-6c9d7-a1b2c", "greeter-6c9d7-d3e4f"];
    let started = Date.now();
    const timeline: string[] = [];
    const mark = (what: string) => timeline.push(`${what} at ${seconds(Date.now() - started)}`);
    const dirs: string[] = [];
    const procs: Proc[] = [];
    const apps: Proc[] = [];
    const ams = {} as Record<Variant, Alertmanager>;
    /** prod's configuration again, fed only the alerts the inhibition test posts (its sinks' path: /inhibition). */
    let inhibitionAm: Alertmanager;
    let appPorts: number[];
    let entry: string;
    /** One loopback sink per destination: pages and tickets must arrive at different places. */
    const sinks = {} as Record<Destination, Sink>;
    let kube: KubeMetricsFixture;
    let prober: HttpProber;
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

        const urls = {} as Record<Destination, string>;
        for (const destination of ["page", "ticket", "heartbeat"] as const) {
            sinks[destination] = new Sink();
            urls[destination] = await sinks[destination].listen();
        }
        kube = new KubeMetricsFixture(spec.namespace, pods);
        const kubeAddress = await kube.listen();
        prober = new HttpProber();
        const proberAddress = await prober.listen();
        const amPorts: number[] = [];
        for (const variant of VARIANTS) {
            // PagerDuty gets its routing key from the key file; its API is the page sink's /<variant> path.
            const pagesByKey = configs[variant].pageReceiver === "pagerduty" || configs[variant].pageReceiver === "opsgenie";
            const destinations: TestDestinations = {
                page: pagesByKey ? { file: routingKey, apiUrl: `${urls.page}/${variant}` } : { file: `${urls.page}/${variant}` },
                ticket: { file: `${urls.ticket}/${variant}` },
                heartbeat: { file: `${urls.heartbeat}/${variant}` },
            };
            const prepared = prepareConfig(alertmanagerConfig(configs[variant]), path.join(dir, variant), destinations, am, TEST_TIMINGS);
            for (const note of prepared.notes) timeline.push(`${variant}: ${note}`);
            amPorts.push(await freePort());
            ams[variant] = await Alertmanager.start(am, `alertmanager-${variant}`, prepared, path.join(dir, variant), amPorts.at(-1)!, configs[variant].externalUrls.alertmanager);
            procs.push(ams[variant].proc);
        }
        const isolated = prepareConfig(alertmanagerConfig(base), path.join(dir, "inhibition"), { page: { file: routingKey, apiUrl: `${urls.page}/inhibition` }, ticket: { file: `${urls.ticket}/inhibition` }, heartbeat: { file: `${urls.heartbeat}/inhibition` } }, am, TEST_TIMINGS);
        inhibitionAm = await Alertmanager.start(am, "alertmanager-inhibition", isolated, path.join(dir, "inhibition"), await freePort(), base.externalUrls.alertmanager);
        procs.push(inhibitionAm.proc);
        appPorts = [await freePort(), await freePort()];
        await startApps("0");
        prometheus = await startPrometheus({
            dir,
            port: await freePort(),
            groups: [...compressFor(appPrometheusRule(spec).spec.groups!, FOR_FACTOR), CHART_WATCHDOG],
            probe: { prober: proberAddress, target: `http://127.0.0.1:${appPorts[0]}/` },
            externalUrl: base.externalUrls.prometheus,
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
        for (const sink of Object.values(sinks)) await sink.close();
        await kube?.close();
        await prober?.close();
        for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
        mark("stopped");
        console.log(`      timeline: ${timeline.join("; ")}; requests by status: ${JSON.stringify(Object.fromEntries(traffic?.byStatus ?? []))}`);
    });

    /** Notifications that are not the Watchdog's heartbeat. */
    const notifications = () => [...sinks.page.received, ...sinks.ticket.received].filter((r) => r.path !== "/inhibition");
    const withoutWatchdog = <T extends { labels: Record<string, string> }>(alerts: T[]) => alerts.filter((a) => a.labels.alertname !== WATCHDOG);

    it("healthy (FAIL_RATE=0): every recording rule and dashboard query returns data, the SLI ratios are 0, nothing but the Watchdog fires", async () => {
        const groups = appPrometheusRule(spec).spec.groups!;
        const records = groups.flatMap((g) => (g.rules ?? []).flatMap((r) => (r.record ? [r.record] : [])));
        const queries = [...records, ...dashboardPanels(spec).flatMap((p) => p.targets.map((t) => t.expr))];
        assert.equal(records.length, 24);
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
            const job = record.includes("probe") ? PROBE_JOB : "greeter";
            assert.deepEqual(
                samples.map((s) => [s.metric.namespace, s.metric.job, s.value[1]]),
                [[spec.namespace, job, "0"]],
                `${record}: one series, ratio 0`,
            );
        }
        assert.deepEqual(withoutWatchdog(await prometheus.alerts()), [], "no alert but the Watchdog pending or firing");
        for (const variant of VARIANTS) assert.deepEqual(withoutWatchdog(await ams[variant].alerts()), [], `alertmanager-${variant} holds no alert but the Watchdog`);
        assert.deepEqual(notifications(), [], "nothing paged or ticketed");
        mark("healthy checked");
    });

    it("dead man's switch: the Watchdog reaches the heartbeat sink and repeats; never the page or ticket sink", async () => {
        const beats = await waitFor("two heartbeats from each variant with a heartbeat", 20000, () => {
            const found = (["webhook", "prod"] as const).map((v) => sinks.heartbeat.at(`/${v}`));
            return found.every((f) => f.length >= 2) ? found : undefined;
        });
        mark(`heartbeats: ${beats.map((b) => b.length).join(", ")}`);
        for (const beat of beats.flat()) {
            const body = webhookOf(beat);
            assert.equal(body.receiver, RECEIVERS.heartbeat);
            assert.deepEqual(body.alerts.map((a) => [a.labels.alertname, a.labels.stack, a.status]), [[WATCHDOG, STACK, "firing"]]);
        }
        assert.deepEqual(sinks.heartbeat.at("/none"), [], "no heartbeat destination: the Watchdog goes nowhere");
        assert.ok(notifications().every((r) => webhookOf(r).alerts?.every((a) => a.labels.alertname !== WATCHDOG) ?? true), "the Watchdog never pages or tickets");
    });

    it("inhibition is scoped to the incident, with the chart's real alert labels", async () => {
        // Labels as Prometheus sends them: the rule's labels plus the series' (kube-state-metrics, node-exporter and
        // Alertmanager's own metrics, scraped by the chart's ServiceMonitors) and the stack's external label.
        const ksm = { job: "kube-state-metrics", service: "kube-prometheus-stack-kube-state-metrics", endpoint: "http", instance: "10.244.0.9:8080", stack: STACK };
        const nodeExporter = { job: "node-exporter", namespace: "monitoring", service: "kube-prometheus-stack-prometheus-node-exporter", endpoint: "http-metrics", stack: STACK };
        const burn = (alert: string, severity: string, slo: string) => ({ alertname: alert, severity, slo, namespace: spec.namespace, job: "greeter", long_window: "1h", short_window: "5m", stack: STACK });
        const incident = {
            page: burn("GreeterErrorBudgetBurn1h", "page", "availability"),
            sameSloTicket: burn("GreeterErrorBudgetBurn3d", "ticket", "availability"),
            otherSloTicket: burn("GreeterLatencyBudgetBurn3d", "ticket", "latency"),
            crashLooping: { ...ksm, alertname: "KubePodCrashLooping", severity: "warning", namespace: spec.namespace, pod: pods[0], container: "greeter", reason: "CrashLoopBackOff", uid: "7f1e" },
            restarting: { alertname: "GreeterContainerRestarting", severity: "warning", ...ksm, namespace: spec.namespace, pod: pods[0], container: "greeter", uid: "7f1e" },
            diskCritical: { ...nodeExporter, alertname: "NodeFilesystemAlmostOutOfSpace", severity: "critical", instance: "10.224.0.4:9100", device: "/dev/sda1", mountpoint: "/", fstype: "ext4" },
            diskWarningSameAlert: { ...nodeExporter, alertname: "NodeFilesystemAlmostOutOfSpace", severity: "warning", instance: "10.224.0.4:9100", device: "/dev/sda1", mountpoint: "/", fstype: "ext4" },
            otherNodeDisk: { ...nodeExporter, alertname: "NodeFilesystemSpaceFillingUp", severity: "warning", instance: "10.224.0.5:9100", device: "/dev/sda1", mountpoint: "/", fstype: "ext4" },
            nodeNotReady: { ...ksm, alertname: "KubeNodeNotReady", severity: "warning", namespace: "monitoring", node: "aks-user-0" },
            sendFailing: { alertname: "AlertmanagerFailedToSendAlerts", severity: "warning", namespace: "monitoring", integration: "slack", job: "kube-prometheus-stack-alertmanager", pod: "alertmanager-0", stack: STACK },
        };
        const am = inhibitionAm;
        await am.post(Object.values(incident).map((labels) => ({ labels, annotations: { summary: labels.alertname } })));
        const state = await waitFor("every posted alert processed", 10000, async () => {
            const all = await am.alerts();
            const found = Object.entries(incident).map(([key, labels]) => [key, all.find((a) => Object.entries(labels).every(([k, v]) => a.labels[k] === v))] as const);
            return found.every(([, a]) => a && a.status.state !== "unprocessed") ? Object.fromEntries(found.map(([k, a]) => [k, a!.status.state])) : undefined;
        });
        assert.deepEqual(state, {
            page: "active",
            // The page mutes only the same SLO's slow-burn ticket of the same service.
            sameSloTicket: "suppressed",
            otherSloTicket: "active",
            // What the responder needs stays visible.
            crashLooping: "active",
            restarting: "active",
            diskCritical: "active",
            // The chart's rule: a critical mutes the warning of the same alert in the same namespace only.
            diskWarningSameAlert: "suppressed",
            otherNodeDisk: "active",
            nodeNotReady: "active",
            sendFailing: "active",
        });
        mark("inhibition checked");
    });

    it("one pod down: GreeterTargetDown (warning) reaches the ticket sink only, with value, links, stack and namespace", async () => {
        await apps[1].stop();
        const stoppedAt = Date.now();
        const isTargetDown = (r: Received) => JSON.stringify(r.body).includes(SERVICE_ALERTS.targetDown);
        const [webhook, slack] = await waitFor("a ticket from the webhook and prod variants", 60000, () => {
            const tickets = (["webhook", "prod"] as const).map((v) => sinks.ticket.at(`/${v}`).find(isTargetDown));
            return tickets.every(Boolean) ? (tickets as Received[]) : undefined;
        });
        mark(`ticket delivered ${seconds(Date.now() - stoppedAt)} after a pod stopped`);
        assert.deepEqual(sinks.page.received.filter(isTargetDown), [], "a ticket never reaches the page sink");
        const body = webhookOf(webhook);
        assert.equal(body.receiver, RECEIVERS.ticket);
        assert.deepEqual(body.groupLabels, { namespace: spec.namespace });
        assert.equal(body.externalURL, base.externalUrls.alertmanager, "links a phone can open");
        const alert = body.alerts.find((a) => a.labels.alertname === SERVICE_ALERTS.targetDown)!;
        assert.deepEqual([alert.labels.severity, alert.labels.pod, alert.labels.stack, alert.labels.namespace, alert.status], ["warning", pods[1], STACK, spec.namespace, "firing"]);
        const rule = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []).find((r) => r.alert === SERVICE_ALERTS.targetDown)!;
        assert.deepEqual(alert.annotations, rule.annotations);
        assert.ok(alert.annotations.dashboard_url.startsWith(`${base.externalUrls.grafana}/d/`), alert.annotations.dashboard_url);
        assert.ok(alert.generatorURL.startsWith(`${base.externalUrls.prometheus}/graph?`), alert.generatorURL);

        const message = slackOf(slack);
        assert.equal(message.title, `[TICKET] ${STACK}/${spec.namespace}: 1 firing, 0 resolved`);
        for (const text of [
            rule.annotations!.summary,
            rule.annotations!.description,
            `Runbook: ${rule.annotations!.runbook_url}`,
            `Dashboard: ${rule.annotations!.dashboard_url}`,
            `Stack: ${STACK}, namespace ${spec.namespace}`,
            `Source: ${base.externalUrls.prometheus}/graph?`,
            `Silence this group: ${base.externalUrls.alertmanager}/#/silences/new?filter=%7Bnamespace%3D%22${spec.namespace}%22%7D`,
        ]) {
            assert.ok(message.text.includes(text), `Slack text lacks ${JSON.stringify(text)}:\n${message.text}`);
        }
        assert.equal((slack.body as SlackBody).channel, base.slackChannel);
    });

    it("recovery: the resolved ticket names what recovered, with the same text as when it fired", async () => {
        // The stopped pod comes back, GreeterTargetDown resolves, and its ticket group sends the resolved
        // notification at its next group_interval. (Later, during the outage, a resolved ticket would be muted by
        // the page like the rest of the namespace's tickets.) A template that drops resolved alerts would send a
        // title and an empty body, so the text is checked here.
        apps[1] = await startApp(entry, pods[1], appPorts[1], { FAIL_RATE: "0" });
        const resolvedAt = (variant: "webhook" | "slack") =>
            sinks.ticket.at(`/${variant === "webhook" ? "webhook" : "prod"}`).find((r) => (variant === "webhook" ? webhookOf(r).receiver === RECEIVERS.ticket && webhookOf(r).status === "resolved" : slackOf(r).title.startsWith("[TICKET resolved]")));
        const [webhook, slack] = await waitFor("a resolved ticket from the webhook and prod (Slack) variants", 60000, () => {
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
        for (const text of [`${SERVICE_ALERTS.targetDown} (warning, resolved)`, rule.annotations!.summary, `Runbook: ${rule.annotations!.runbook_url}`, `Stack: ${STACK}, namespace ${spec.namespace}`]) {
            assert.ok(message.text.includes(text), `resolved Slack text lacks ${JSON.stringify(text)}:\n${message.text}`);
        }
    });

    it("outage (FAIL_RATE=0.5): the fast-burn page reaches the page sink (PagerDuty with its routing key) once per group; its tickets are inhibited", async () => {
        for (const app of apps) await app.stop();
        await startApps("0.5");
        const failingAt = Date.now();
        const isPage = (r: Received) => PAGE_ALERTS.some((alert) => JSON.stringify(r.body).includes(alert));
        const pages = () => {
            const found = { webhook: sinks.page.at("/webhook").filter(isPage), prod: sinks.page.at("/prod").filter(isPage) };
            return found.webhook.length > 0 && found.prod.length > 0 ? found : undefined;
        };
        const first = await waitFor("a page from the webhook and prod variants", 60000, pages);
        const pagedAt = Date.now();
        mark(`page delivered ${seconds(pagedAt - failingAt)} after failing traffic started`);
        const rules = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []);
        assert.deepEqual(sinks.ticket.received.filter(isPage), [], "a page never goes to the ticket sink");

        // One notification for the incident, holding both availability pages, each with its text, value and the stack.
        const body = webhookOf(first.webhook[0]);
        assert.equal(body.receiver, RECEIVERS.page);
        assert.deepEqual(body.groupLabels, { namespace: spec.namespace });
        assert.equal(body.commonLabels.stack, STACK);
        assert.ok(PAGE_ALERTS.every((alert) => body.alerts.some((a) => a.labels.alertname === alert)), "both availability pages in the first page");
        for (const alert of body.alerts) assert.equal(alert.labels.severity, "page", alert.labels.alertname);
        for (const alert of PAGE_ALERTS) {
            const sent = body.alerts.find((a) => a.labels.alertname === alert)!;
            const annotations = rules.find((r) => r.alert === alert)!.annotations!;
            assert.deepEqual({ ...sent.annotations, value: "" }, { ...annotations, value: "" });
            assert.match(sent.annotations.value, /^\d+(\.\d+)?% over the last \d+h$/, "the measured error ratio");
        }
        const pagerduty = pagerdutyOf(first.prod[0]);
        assert.equal(pagerduty.routing_key, routingKey, "PagerDuty's routing key comes from its own Secret file");
        assert.equal(pagerduty.event_action, "trigger");
        assert.match(pagerduty.payload.summary, new RegExp(`^\\[PAGE\\] ${STACK}/${spec.namespace}: \\d+ firing, \\d+ resolved$`));
        for (const alert of PAGE_ALERTS) {
            const annotations = rules.find((r) => r.alert === alert)!.annotations!;
            for (const text of [annotations.summary, annotations.runbook_url, annotations.dashboard_url]) assert.ok(pagerduty.payload.custom_details.alerts.includes(text), `PagerDuty details lack ${JSON.stringify(text)}`);
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

        // Past the page route's group_interval: still one page per variant, and no burn ticket delivered.
        await sleep(Math.max(0, pagedAt + 22000 - Date.now()));
        const after = pages()!;
        assert.deepEqual([after.webhook.length, after.prod.length], [1, 1], "one page per group and variant");
        const burnTickets = sinks.ticket.received.filter((r) => TICKET_BURN_ALERTS.some((alert) => JSON.stringify(r.body).includes(alert)));
        assert.deepEqual(burnTickets, [], "no burn ticket while the incident pages");
        for (const sink of Object.values(sinks)) assert.deepEqual(sink.at("/none"), [], "the none variant notifies nobody");
        assert.ok(Date.now() - started < 180000, "the live test stays within 3 minutes");
        mark("outage checked");
    });

    it("the compressed timings keep production's order: a page is sent sooner and updated more often than a ticket", () => {
        for (const timings of [ROUTE_TIMING, TEST_TIMINGS] as Record<"page" | "ticket", RouteTiming>[]) {
            const s = (d: string) => Number(d.slice(0, -1)) * ({ s: 1, m: 60, h: 3600 } as Record<string, number>)[d.slice(-1)];
            assert.ok(s(timings.page.group_wait) < s(timings.ticket.group_wait));
            assert.ok(s(timings.page.group_interval) < s(timings.ticket.group_interval));
        }
    });
});
