// A real Prometheus on loopback with the generated rules. Its scrape config mimics what the Prometheus
// Operator generates from the app's ServiceMonitor: target labels namespace / service / pod / container /
// endpoint, and `job` set to the Service name.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { IRuleGroup } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RuleGroup";
import { stringify } from "yaml";
import { APP_NAME, HTTP_PORT_NAME } from "../../../../components/app";
import { PROBE_JOB, SCRAPE_JOB } from "../../../../components/app";
import { BLACKBOX_EXPORTER } from "../../../../components/platform";
import { Proc, request, waitHealthy } from "../../../support/live/process";

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };
const durationSeconds = (d: string) => Number(d.slice(0, -1)) * UNIT_SECONDS[d.slice(-1)];

/**
 * Test only: every rule's `for` divided by `factor` so a 5 m TargetDown fires in seconds. Expressions, labels
 * and annotations are the generated ones; the production rules (and their own promtool tests) keep their `for`.
 */
export function compressFor(groups: IRuleGroup[], factor: number): IRuleGroup[] {
    return groups.map((g) => ({ ...g, rules: (g.rules ?? []).map((r) => (r.for ? { ...r, for: `${Math.max(1, Math.round(durationSeconds(String(r.for)) / factor))}s` } : r)) }));
}

interface AppTarget {
    address: string;
    pod: string;
}

export interface PrometheusSetup {
    dir: string;
    port: number;
    groups: IRuleGroup[];
    externalLabels: Record<string, string>;
    namespace: string;
    apps: AppTarget[];
    kubeMetrics: string;
    alertmanagers: string[];
    /** Scrape and rule evaluation interval (test only; the ServiceMonitor says 30s). */
    interval: string;
    /** The app's Probe: the prober's address and the URL it requests (the Service, here the first pod). */
    probe: { prober: string; target: string };
    /** --web.external-url, as the operator sets it from prometheusSpec.externalUrl: the alerts' source links. */
    externalUrl: string;
}

export async function startPrometheus(s: PrometheusSetup): Promise<Prometheus> {
    fs.writeFileSync(path.join(s.dir, "rules.yaml"), stringify({ groups: s.groups }));
    const config = {
        global: { scrape_interval: s.interval, scrape_timeout: s.interval, evaluation_interval: s.interval, external_labels: s.externalLabels },
        rule_files: ["rules.yaml"],
        alerting: { alertmanagers: [{ api_version: "v2", static_configs: [{ targets: s.alertmanagers }] }] },
        scrape_configs: [
            {
                job_name: `serviceMonitor/${s.namespace}/${APP_NAME}/0`,
                static_configs: s.apps.map((a) => ({
                    targets: [a.address],
                    labels: { namespace: s.namespace, service: APP_NAME, pod: a.pod, container: APP_NAME, endpoint: HTTP_PORT_NAME },
                })),
                relabel_configs: [{ target_label: "job", replacement: SCRAPE_JOB }],
            },
            // What the operator generates from the app's Probe: the prober requests the target, job = jobName.
            {
                job_name: `probe/${s.namespace}/${APP_NAME}`,
                metrics_path: "/probe",
                params: { module: [BLACKBOX_EXPORTER.httpModule] },
                static_configs: [{ targets: [s.probe.target], labels: { namespace: s.namespace } }],
                relabel_configs: [
                    { source_labels: ["__address__"], target_label: "__param_target" },
                    { source_labels: ["__param_target"], target_label: "instance" },
                    { target_label: "__address__", replacement: s.probe.prober },
                    { target_label: "job", replacement: PROBE_JOB },
                ],
            },
            // kube-state-metrics' ServiceMonitor in the chart keeps the exporter's own labels.
            { job_name: "kube-state-metrics", honor_labels: true, static_configs: [{ targets: [s.kubeMetrics] }] },
        ],
    };
    fs.writeFileSync(path.join(s.dir, "prometheus.yml"), stringify(config));
    const proc = new Proc("prometheus", "prometheus", [
        `--config.file=${path.join(s.dir, "prometheus.yml")}`,
        `--storage.tsdb.path=${path.join(s.dir, "data")}`,
        `--web.listen-address=127.0.0.1:${s.port}`,
        "--rules.alert.resend-delay=1s",
        `--web.external-url=${s.externalUrl}`,
        "--log.level=warn",
    ]);
    const base = `http://127.0.0.1:${s.port}`;
    await waitHealthy(proc, `${base}/-/ready`, 20000);
    return new Prometheus(proc, base);
}

export interface Sample {
    metric: Record<string, string>;
    value: [number, string];
}
export interface PromAlert {
    labels: Record<string, string>;
    state: "pending" | "firing";
}

export class Prometheus {
    constructor(
        readonly proc: Proc,
        private readonly base: string,
    ) {}

    private async api<T>(p: string): Promise<T> {
        const res = await request(`${this.base}${p}`);
        assert.equal(res.status, 200, `${p}: ${res.body}`);
        return (JSON.parse(res.body) as { data: T }).data;
    }

    async query(expr: string): Promise<Sample[]> {
        return (await this.api<{ result: Sample[] }>(`/api/v1/query?query=${encodeURIComponent(expr)}`)).result;
    }

    async alerts(): Promise<PromAlert[]> {
        return (await this.api<{ alerts: PromAlert[] }>("/api/v1/alerts")).alerts;
    }
}
