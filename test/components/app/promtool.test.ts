// The PrometheusRule of every stack, run through the real Prometheus rule engine: `promtool check rules`, then
// `promtool test rules` with generated series proving each alert fires on a bad series and stays silent on a
// healthy one (exact labels and annotations).
import { strict as assert } from "node:assert";
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { IRule } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/Rule";
import { stringify } from "yaml";
import { BURN_RATE_ALERTS, ERROR_RATIO_WINDOWS, SERVICE_ALERTS } from "../../../components/app";
import { errorRatioRecord } from "../../../components/app";
import type { WorkloadSpec } from "../../../components/app";
import { appPrometheusRule } from "../../../components/app";
import { ENVIRONMENTS, presetSpec } from "./support";

function requirePromtool(): void {
    const probe = spawnSync("promtool", ["--version"], { encoding: "utf8" });
    if (probe.error || probe.status !== 0) {
        assert.fail("promtool is not installed: install the Debian package `prometheus` (apt-get install -y prometheus); .ci/run installs it");
    }
}

type Labels = Record<string, string>;
interface Series {
    series: string;
    values: string;
}
interface AlertTest {
    eval_time: string;
    alertname: string;
    exp_alerts: { exp_labels: Labels; exp_annotations: Labels }[];
}
interface ExprTest {
    expr: string;
    eval_time: string;
    exp_samples: { labels: string; value: number }[];
}
interface TestGroup {
    name: string;
    interval: string;
    input_series: Series[];
    alert_rule_test: AlertTest[];
    promql_expr_test?: ExprTest[];
}

/**
 * The severity each alert is meant to have, stated here rather than read from the rule under test: the burn
 * rates of the SRE workbook's multiwindow, multi-burn-rate table (chapter "Alerting on SLOs"), where 1 h and 6 h
 * page and the slow windows open tickets; no scrape target at all pages (every SLO alert is blind meanwhile);
 * one target down, slow p99 and restarts are tickets or warnings for working hours.
 */
const INTENDED_SEVERITY: Record<string, "page" | "ticket" | "warning"> = {
    GreeterErrorBudgetBurn1h: "page",
    GreeterErrorBudgetBurn6h: "page",
    GreeterErrorBudgetBurn1d: "ticket",
    GreeterErrorBudgetBurn3d: "ticket",
    GreeterTargetAbsent: "page",
    GreeterTargetDown: "warning",
    GreeterLatencyP99High: "ticket",
    GreeterContainerRestarting: "warning",
};

/**
 * Burn-rate thresholds per alert, from the same table: 2 % of a 30-day budget in 1 h is a burn rate of 14.4,
 * 5 % in 6 h is 6, 10 % in 1 d is 3 and 10 % in 3 d is 1.
 */
const WORKBOOK_BURN_RATE: Record<string, number> = {
    GreeterErrorBudgetBurn1h: 14.4,
    GreeterErrorBudgetBurn6h: 6,
    GreeterErrorBudgetBurn1d: 3,
    GreeterErrorBudgetBurn3d: 1,
};

const seriesName = (metric: string, labels: Labels) => `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(",")}}`;
/** A counter growing by `perMinute` each 1m sample for `minutes` minutes. */
const counter = (perMinute: number, minutes: number) => `0+${perMinute}x${minutes}`;

class Scenario {
    constructor(
        readonly spec: WorkloadSpec,
        readonly rules: IRule[],
    ) {}

    get target(): Labels {
        return { namespace: this.spec.namespace, job: "greeter" };
    }

    /** The alert as Prometheus fires it: series labels, the rule's labels, alertname; annotations verbatim. */
    expected(alertname: string, seriesLabels: Labels) {
        const rule = this.rules.find((r) => r.alert === alertname);
        assert.ok(rule, `no rule ${alertname}`);
        const severity = INTENDED_SEVERITY[alertname];
        assert.ok(severity, `${alertname}: no intended severity stated in this test`);
        return { exp_labels: { ...seriesLabels, ...rule.labels, severity, alertname }, exp_annotations: rule.annotations ?? {} };
    }

    /**
     * User traffic at 10000 requests/min, `errorsPerMinute` of them 5xx; probe traffic that must be ignored.
     * With 0 errors there is no 5xx series at all, as on a service that never failed since it started.
     */
    traffic(errorsPerMinute: number, minutes: number): Series[] {
        const base = { ...this.target, method: "GET", route: "/work" };
        return [
            { series: seriesName("http_requests_total", { ...base, code: "200" }), values: counter(10000 - errorsPerMinute, minutes) },
            ...(errorsPerMinute > 0 ? [{ series: seriesName("http_requests_total", { ...base, code: "500" }), values: counter(errorsPerMinute, minutes) }] : []),
            // /readyz answers 503 while starting and draining: never part of the SLI.
            { series: seriesName("http_requests_total", { ...base, route: "/readyz", code: "503" }), values: counter(50000, minutes) },
        ];
    }

    /** All requests in one histogram bucket (upper bound `le`), 1000/min. */
    latency(le: number, minutes: number): Series[] {
        const bounds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
        const base = { ...this.target, method: "GET", route: "/work", code: "200" };
        return [...bounds.map(String), "+Inf"].map((bound) => ({
            series: seriesName("http_request_duration_seconds_bucket", { ...base, le: bound }),
            values: bound === "+Inf" || Number(bound) >= le ? counter(1000, minutes) : counter(0, minutes),
        }));
    }
}

function testGroups(spec: WorkloadSpec): TestGroup[] {
    const rules = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []);
    const s = new Scenario(spec, rules);
    const budget = 1 - spec.slo.target;
    const errors = (ratio: number) => Math.round(ratio * 10000);
    const burnAlerts = BURN_RATE_ALERTS.map((a) => a.alert);
    const pod = { instance: "10.244.1.7:8000", pod: "greeter-7d9f-abcde", container: "greeter", endpoint: "http", service: "greeter" };
    const ksm = { namespace: spec.namespace, pod: "greeter-7d9f-abcde", container: "greeter", job: "kube-state-metrics", uid: "0000-1111" };
    const group = (name: string, input_series: Series[], alert_rule_test: AlertTest[], promql_expr_test?: ExprTest[]): TestGroup => ({
        name,
        interval: "1m",
        input_series,
        alert_rule_test,
        ...(promql_expr_test ? { promql_expr_test } : {}),
    });
    const at = (eval_time: string, alertname: string, firing: Labels | undefined): AlertTest => ({
        eval_time,
        alertname,
        exp_alerts: firing ? [s.expected(alertname, firing)] : [],
    });
    const target = `{${Object.entries(s.target).map(([k, v]) => `${k}="${v}"`).join(",")}}`;
    /** Every error-ratio recording is exactly `value` (one sample each, for the target). */
    const ratios = (eval_time: string, value: number): ExprTest[] =>
        ERROR_RATIO_WINDOWS.map((window) => ({ expr: errorRatioRecord(window), eval_time, exp_samples: [{ labels: `${errorRatioRecord(window)}${target}`, value }] }));
    /**
     * Restart counter of one container sampled every 45 s (not aligned with the 1 m rule evaluation, like a real
     * scrape): 5 earlier restarts for 30 minutes, then `count` restarts one sample apart, then steady.
     */
    const restartGroup = (name: string, count: number, alert_rule_test: AlertTest[]): TestGroup => ({
        ...group(name, [{ series: seriesName("kube_pod_container_status_restarts_total", ksm), values: ["5x40", ...Array.from({ length: count }, (_, i) => String(6 + i)), `${5 + count}x60`].join(" ") }], alert_rule_test),
        interval: "45s",
    });
    return [
        // Half the requests fail for 8 hours: every burn-rate window is far beyond its threshold.
        group("outage: 50% errors pages and tickets", s.traffic(5000, 480), burnAlerts.map((alert) => at("7h", alert, s.target))),
        // Twice the sustainable error rate: only the slowest (1x, 3d/6h) window fires; nobody is paged.
        group(
            "slow burn: 2x budget raises only the 3d ticket",
            s.traffic(errors(2 * budget), 480),
            burnAlerts.map((alert) => at("7h", alert, alert === "GreeterErrorBudgetBurn3d" ? s.target : undefined)),
        ),
        // Each burn-rate alert on both sides of the workbook's threshold: 10 % below it silent, 10 % above it firing.
        ...burnAlerts.flatMap((alert) => [
            group(`${alert}: 0.9 x ${WORKBOOK_BURN_RATE[alert]}x budget is silent`, s.traffic(errors(0.9 * WORKBOOK_BURN_RATE[alert] * budget), 70), [at("1h", alert, undefined)]),
            group(`${alert}: 1.1 x ${WORKBOOK_BURN_RATE[alert]}x budget fires`, s.traffic(errors(1.1 * WORKBOOK_BURN_RATE[alert] * budget), 70), [at("1h", alert, s.target)]),
        ]),
        // Half the sustainable error rate (and many 503s from /readyz): silent.
        group("healthy: 0.5x budget is silent", s.traffic(errors(0.5 * budget), 480), burnAlerts.map((alert) => at("7h", alert, undefined))),
        // No 5xx series exists before the first failure: every ratio must be 0 (the dashboard shows 0 %, not "No data").
        group("healthy: no 5xx series at all, every error ratio is 0", s.traffic(0, 480), burnAlerts.map((alert) => at("7h", alert, undefined)), [
            ...ratios("10m", 0),
            ...ratios("7h", 0),
        ]),
        group("latency: every request ~0.75 s", s.latency(1, 30), [at("5m", SERVICE_ALERTS.latency, undefined), at("20m", SERVICE_ALERTS.latency, s.target)]),
        group("latency: every request ~20 ms", s.latency(0.025, 30), [at("20m", SERVICE_ALERTS.latency, undefined)]),
        group("target down: scrape fails", [{ series: seriesName("up", { ...s.target, ...pod }), values: "0x20" }], [at("10m", SERVICE_ALERTS.targetDown, { ...s.target, ...pod })]),
        group("target up", [{ series: seriesName("up", { ...s.target, ...pod }), values: "1x20" }], [at("10m", SERVICE_ALERTS.targetDown, undefined), at("15m", SERVICE_ALERTS.absent, undefined)]),
        group("target absent: no series for the job", [{ series: seriesName("up", { namespace: "other", job: "other" }), values: "1x20" }], [at("15m", SERVICE_ALERTS.absent, s.target)]),
        group(
            "crash loop: a restart a minute",
            [{ series: seriesName("kube_pod_container_status_restarts_total", ksm), values: counter(1, 40) }],
            [at("35m", SERVICE_ALERTS.restarts, ksm)],
        ),
        // Exactly at the threshold: "more than 2" means 2 restarts stay silent (increase() extrapolated them to ~2.1).
        restartGroup("two restarts in 30m are not more than 2", 2, [at("35m", SERVICE_ALERTS.restarts, undefined), at("46m", SERVICE_ALERTS.restarts, undefined)]),
        restartGroup("three restarts in 30m fire, and stop once they leave the window", 3, [
            at("30m", SERVICE_ALERTS.restarts, undefined),
            at("35m", SERVICE_ALERTS.restarts, ksm),
            at("46m", SERVICE_ALERTS.restarts, ksm),
            at("70m", SERVICE_ALERTS.restarts, undefined),
        ]),
        group(
            "one restart (e.g. a single OOM kill) is not a crash loop",
            [{ series: seriesName("kube_pod_container_status_restarts_total", ksm), values: "0x20 1x20" }],
            [at("35m", SERVICE_ALERTS.restarts, undefined)],
        ),
    ];
}

describe("app: alert rules under promtool", function () {
    this.timeout(60000);
    let dir: string;
    before(() => {
        requirePromtool();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "app-rules-"));
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("every alert has a severity, summary, description and runbook_url, and is covered by a test", () => {
        const spec = presetSpec("prod");
        const rules = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []);
        const alerts = rules.filter((r) => r.alert);
        for (const rule of alerts) {
            assert.ok(["page", "ticket", "warning"].includes(rule.labels?.severity ?? ""), `${rule.alert}: severity`);
            for (const key of ["summary", "description", "runbook_url"]) assert.ok(rule.annotations?.[key], `${rule.alert}: ${key}`);
        }
        const tested = new Set(testGroups(spec).flatMap((g) => g.alert_rule_test.filter((t) => t.exp_alerts.length > 0).map((t) => t.alertname)));
        const silent = new Set(testGroups(spec).flatMap((g) => g.alert_rule_test.filter((t) => t.exp_alerts.length === 0).map((t) => t.alertname)));
        for (const rule of alerts) {
            assert.ok(tested.has(rule.alert!), `${rule.alert} is proven to fire`);
            assert.ok(silent.has(rule.alert!), `${rule.alert} is proven silent on a healthy series`);
        }
    });

    for (const env of ENVIRONMENTS) {
        it(`${env}: the rules load (promtool check rules) and every alert fires on bad series only (promtool test rules)`, () => {
            const spec = presetSpec(env);
            const rulesFile = path.join(dir, `${env}-rules.yaml`);
            fs.writeFileSync(rulesFile, stringify({ groups: appPrometheusRule(spec).spec.groups }));
            const check = spawnSync("promtool", ["check", "rules", rulesFile], { encoding: "utf8" });
            assert.equal(check.status, 0, `promtool check rules failed:\n${check.stdout}\n${check.stderr}`);
            const count = appPrometheusRule(spec).spec.groups!.reduce((n, g) => n + (g.rules?.length ?? 0), 0);
            assert.equal(count, 15, "7 error-ratio recordings, 4 burn-rate alerts, 4 service alerts");
            assert.match(check.stdout, new RegExp(`SUCCESS: ${count} rules found`));

            const testFile = path.join(dir, `${env}-test.yaml`);
            fs.writeFileSync(testFile, stringify({ rule_files: [path.basename(rulesFile)], evaluation_interval: "1m", tests: testGroups(spec) }, { lineWidth: 0 }));
            const run = spawnSync("promtool", ["test", "rules", testFile], { encoding: "utf8", cwd: dir });
            assert.equal(run.status, 0, `promtool test rules failed:\n${run.stdout}\n${run.stderr}`);
        });
    }

    it("promtool really compares: a wrong expected label fails the test", () => {
        const spec = presetSpec("dev");
        const rulesFile = path.join(dir, "neg-rules.yaml");
        fs.writeFileSync(rulesFile, stringify({ groups: appPrometheusRule(spec).spec.groups }));
        const [outage] = testGroups(spec);
        outage.alert_rule_test[0].exp_alerts[0].exp_labels.severity = "ticket";
        const testFile = path.join(dir, "neg-test.yaml");
        fs.writeFileSync(testFile, stringify({ rule_files: [path.basename(rulesFile)], evaluation_interval: "1m", tests: [outage] }, { lineWidth: 0 }));
        assert.throws(() => execFileSync("promtool", ["test", "rules", testFile], { cwd: dir, stdio: "pipe" }));
    });
});
