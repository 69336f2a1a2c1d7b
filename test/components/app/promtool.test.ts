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
import { APP_NAME, errorRatioRecord, PROBE_JOB, sliRecord } from "../../../components/app";
import type { IRuleGroup } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/RuleGroup";
import type { SliName } from "../../../components/app";
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
const BURN_WINDOW_SEVERITY: Record<string, "page" | "ticket"> = { "1h": "page", "6h": "page", "1d": "ticket", "3d": "ticket" };
const INTENDED_SEVERITY: Record<string, "page" | "ticket" | "warning"> = {
    // Every SLI (errors, latency, failed probes) on the workbook's four windows.
    ...Object.fromEntries(["Error", "Latency", "Probe"].flatMap((stem) => Object.entries(BURN_WINDOW_SEVERITY).map(([window, severity]) => [`Greeter${stem}BudgetBurn${window}`, severity]))),
    // Loss of service: no request answered at all, or no replica available, blinds every SLO alert: pages.
    GreeterNoRequests: "page",
    GreeterNoReplicaAvailable: "page",
    GreeterTargetDown: "warning",
    GreeterContainerRestarting: "warning",
};

/**
 * Burn-rate thresholds per long window, from the same table: 2 % of a 30-day budget in 1 h is a burn rate of
 * 14.4, 5 % in 6 h is 6, 10 % in 1 d is 3 and 10 % in 3 d is 1.
 */
const WORKBOOK_BURN_RATE: Record<string, number> = { "1h": 14.4, "6h": 6, "1d": 3, "3d": 1 };

const seriesName = (metric: string, labels: Labels) => `${metric}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(",")}}`;
/** A counter growing by `perMinute` each 1m sample for `minutes` minutes. */
const counter = (perMinute: number, minutes: number) => `0+${perMinute}x${minutes}`;
/** Prometheus' humanizePercentage: `%.4g%%` of the ratio times 100. */
const percent = (ratio: number) => `${Number((ratio * 100).toPrecision(4))}%`;

/**
 * The service's histogram buckets, read from the service's own source file (not through the platform's import
 * of it), so these tests use exactly the boundaries the running service exports.
 */
function serviceBuckets(): number[] {
    const source = fs.readFileSync(path.join(__dirname, "../../../app/src/latency-buckets.ts"), "utf8");
    const list = /DURATION_BUCKETS_SECONDS[^=]*=\s*\[([^\]]+)\]/.exec(source);
    assert.ok(list, "app/src/latency-buckets.ts lists DURATION_BUCKETS_SECONDS");
    return list[1].split(",").map(Number);
}

class Scenario {
    constructor(
        readonly spec: WorkloadSpec,
        readonly rules: IRule[],
    ) {}

    get target(): Labels {
        return { namespace: this.spec.namespace, job: "greeter" };
    }

    /** The alert as Prometheus fires it: series labels, the rule's labels, alertname; annotations with `value` expanded. */
    expected(alertname: string, seriesLabels: Labels, value?: string) {
        const rule = this.rules.find((r) => r.alert === alertname);
        assert.ok(rule, `no rule ${alertname}`);
        const severity = INTENDED_SEVERITY[alertname];
        assert.ok(severity, `${alertname}: no intended severity stated in this test`);
        const annotations = { ...(rule.annotations ?? {}) };
        if (annotations.value !== undefined) {
            assert.ok(value !== undefined, `${alertname} states a measured value: the test must say which`);
            annotations.value = value;
        }
        return { exp_labels: { ...seriesLabels, ...rule.labels, severity, alertname }, exp_annotations: annotations };
    }

    /**
     * User traffic at `perMinute` requests/min, `errorsPerMinute` of them 5xx, for `minutes`; probe traffic that
     * must be ignored. The 5xx series exists from the start at 0, as the service exports it.
     */
    traffic(errorsPerMinute: number, minutes: number, perMinute = 10000): Series[] {
        const base = { ...this.target, method: "GET", route: "/work" };
        return [
            { series: seriesName("http_requests_total", { ...base, code: "200" }), values: counter(perMinute - errorsPerMinute, minutes) },
            { series: seriesName("http_requests_total", { ...base, code: "500" }), values: counter(errorsPerMinute, minutes) },
            // /readyz answers 503 while starting and draining: never part of the SLI.
            { series: seriesName("http_requests_total", { ...base, route: "/readyz", code: "503" }), values: counter(50000, minutes) },
        ];
    }

    /**
     * 10000 user requests/min over the service's real buckets: `slowShare` of them take just over `le` seconds
     * (they land in the next bucket), the rest 15 ms.
     */
    latency(le: number, slowShare: number, minutes: number): Series[] {
        const bounds = serviceBuckets();
        const above = bounds.find((b) => b > le);
        assert.ok(bounds.includes(le) && above !== undefined, `${le} s is a bucket boundary below the last`);
        const base = { ...this.target, method: "GET", route: "/work", code: "200" };
        const slow = Math.round(10000 * slowShare);
        const inBucket = (bound: number) => (bound >= 0.015 ? 10000 - slow : 0) + (bound >= above ? slow : 0);
        return [
            ...bounds.map((bound) => ({ series: seriesName("http_request_duration_seconds_bucket", { ...base, le: String(bound) }), values: counter(inBucket(bound), minutes) })),
            { series: seriesName("http_request_duration_seconds_bucket", { ...base, le: "+Inf" }), values: counter(10000, minutes) },
            { series: seriesName("http_request_duration_seconds_count", base), values: counter(10000, minutes) },
        ];
    }
}

type RuleSet = SliName | "service";

/**
 * The rules of one set: an SLI's window ratios and burn alerts (not the 30 d dashboard record), or the service
 * alerts; as one group, records first. Prometheus evaluates groups independently, so an alert in another group
 * may read a record one evaluation old; in one group the measured value in the annotation is exact.
 */
function ruleSet(spec: WorkloadSpec, set: RuleSet): IRuleGroup[] {
    const windows = new Set(ERROR_RATIO_WINDOWS);
    const keep = (r: IRule) =>
        set === "service"
            ? Object.values(SERVICE_ALERTS).includes(r.alert as never)
            : r.record !== undefined
              ? [...windows].some((w) => r.record === sliRecord(set, w))
              : BURN_RATE_ALERTS.some((a) => a.alert === r.alert && a.sli === set);
    return [{ name: `${APP_NAME}-${set}`, rules: appPrometheusRule(spec).spec.groups!.flatMap((g) => (g.rules ?? []).filter(keep)) }];
}

/** The rule set a test group reads, from the alerts and records it checks. */
function readsOf(group: TestGroup): RuleSet {
    const names = [...group.alert_rule_test.map((t) => t.alertname), ...(group.promql_expr_test ?? []).map((t) => t.expr)];
    const sets = new Set(
        names.map((name): RuleSet => BURN_RATE_ALERTS.find((a) => a.alert === name)?.sli ?? (["availability", "latency", "probe"] as SliName[]).find((sli) => name.includes(sliRecord(sli, ""))) ?? "service"),
    );
    assert.equal(sets.size, 1, `${group.name}: one rule set per group (${[...sets].join(", ")})`);
    return [...sets][0];
}

function testGroups(spec: WorkloadSpec): TestGroup[] {
    const rules = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []);
    const s = new Scenario(spec, rules);
    const budget = 1 - spec.slo.target;
    const errors = (ratio: number) => Math.round(ratio * 10000);
    const burn = (sli: string) => BURN_RATE_ALERTS.filter((a) => a.sli === sli);
    const pod = { instance: "10.244.1.7:8000", pod: "greeter-7d9f-abcde", container: "greeter", endpoint: "http", service: "greeter" };
    const ksm = { namespace: spec.namespace, pod: "greeter-7d9f-abcde", container: "greeter", job: "kube-state-metrics", uid: "0000-1111" };
    const deployment = { namespace: spec.namespace, deployment: "greeter", job: "kube-state-metrics" };
    const probe = { namespace: spec.namespace, job: PROBE_JOB, instance: `http://greeter.${spec.namespace}.svc:8000/` };
    const group = (name: string, input_series: Series[], alert_rule_test: AlertTest[], promql_expr_test?: ExprTest[]): TestGroup => ({
        name,
        interval: "1m",
        input_series,
        alert_rule_test,
        ...(promql_expr_test ? { promql_expr_test } : {}),
    });
    const at = (eval_time: string, alertname: string, firing: Labels | undefined, value?: string): AlertTest => ({
        eval_time,
        alertname,
        exp_alerts: firing ? [s.expected(alertname, firing, value)] : [],
    });
    const silent = (eval_time: string, alerts: string[]) => alerts.map((alert) => at(eval_time, alert, undefined));
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
    const availability = burn("availability").map((a) => a.alert);
    const latency = burn("latency").map((a) => a.alert);
    const targetSeconds = spec.slo.latencyP99TargetMs / 1000;
    const pages = BURN_RATE_ALERTS.filter((a) => a.severity === "page").map((a) => a.alert);
    return [
        // Half the requests fail for 8 hours: every burn-rate window is far beyond its threshold.
        group("outage: 50% errors pages and tickets", s.traffic(5000, 480), burn("availability").map((a) => at("7h", a.alert, s.target, `50% over the last ${a.long}`))),
        // Twice the sustainable error rate: only the slowest (1x, 3d/6h) window fires; nobody is paged.
        group(
            "slow burn: 2x budget raises only the 3d ticket",
            s.traffic(errors(2 * budget), 480),
            burn("availability").map((a) => at("7h", a.alert, a.long === "3d" ? s.target : undefined, `${percent(2 * budget)} over the last 3d`)),
        ),
        // Each burn-rate alert on both sides of the workbook's threshold: 10 % below it silent, 10 % above it firing.
        ...burn("availability").flatMap(({ alert, long }) => {
            const rate = WORKBOOK_BURN_RATE[long];
            assert.ok(rate !== undefined, `${alert}: no workbook burn rate for the ${long} window`);
            const over = errors(1.1 * rate * budget);
            return [
                group(`${alert}: 0.9 x ${rate}x budget is silent`, s.traffic(errors(0.9 * rate * budget), 70), [at("1h", alert, undefined)]),
                group(`${alert}: 1.1 x ${rate}x budget fires`, s.traffic(over, 70), [at("1h", alert, s.target, `${percent(over / 10000)} over the last ${long}`)]),
            ];
        }),
        // Half the sustainable error rate (and many 503s from /readyz): silent.
        group("healthy: 0.5x budget is silent", s.traffic(errors(0.5 * budget), 480), silent("7h", availability)),
        // The 5xx series exists at 0 from start-up: every ratio is 0 (the dashboard shows 0 %, not "No data").
        group("healthy: no 5xx at all, every error ratio is 0", s.traffic(0, 480), silent("7h", availability), [...ratios("10m", 0), ...ratios("7h", 0)]),
        // No traffic at all: 0/0 would record NaN; the guarded division records nothing instead.
        group("idle: zero traffic records no ratio (not NaN)", s.traffic(0, 60, 0), silent("30m", availability), [{ expr: errorRatioRecord("5m"), eval_time: "30m", exp_samples: [] }]),
        // 1 request a minute, one 5xx: 1.7% of the hour is above the 1 h threshold, but a single failure pages nobody.
        group(
            "low traffic: a single 5xx at 1 request/min pages nobody",
            [
                { series: seriesName("http_requests_total", { ...s.target, method: "GET", route: "/work", code: "200" }), values: `0+1x30 30+0x0 30+1x29` },
                { series: seriesName("http_requests_total", { ...s.target, method: "GET", route: "/work", code: "500" }), values: `0x30 1x30` },
            ],
            silent("33m", availability.filter((alert) => pages.includes(alert))),
        ),
        // Loss of service. A healthy half hour (clean history), then every pod crash-loops: no request is answered
        // (the series go stale) and no replica is available. Both page within 4 minutes at 1-minute evaluation;
        // production adds at most 30 s of scrape, 30 s of evaluation and the page route's 30 s group_wait: < 5 min.
        group(
            "crash loop: no request answered, no replica available, pages within 5 minutes",
            [
                ...["a1b2c", "d3e4f"].map((suffix, i) => ({
                    series: seriesName("http_requests_total", { ...s.target, ...pod, instance: `10.244.1.${i + 7}:8000`, pod: `greeter-7d9f-${suffix}`, method: "GET", route: "/metrics", code: "200" }),
                    values: `${counter(2, 30)} stale`,
                })),
                { series: seriesName("kube_deployment_status_replicas_available", deployment), values: "2x30 0x20" },
            ],
            [
                ...silent("30m", [SERVICE_ALERTS.noRequests, SERVICE_ALERTS.noReplica]),
                at("34m", SERVICE_ALERTS.noRequests, s.target),
                at("34m", SERVICE_ALERTS.noReplica, deployment, "0 available replicas"),
            ],
        ),
        group("no target at all (ServiceMonitor matches nothing): no request answered pages", [{ series: seriesName("up", { namespace: "other", job: "other" }), values: "1x20" }], [
            at("5m", SERVICE_ALERTS.noRequests, s.target),
        ]),
        // Latency on the service's real buckets, the target a boundary: the share slower than the target is read
        // exactly (no interpolation inside a bucket), so 1.2% slow burns the 99% budget 1.2x and 0.8% does not.
        group(
            `latency: p99 just over the ${spec.slo.latencyP99TargetMs} ms target (1.2% slower) raises the 3d ticket only`,
            s.latency(targetSeconds, 0.012, 480),
            burn("latency").map((a) => at("7h", a.alert, a.long === "3d" ? s.target : undefined, `1.2% over the last 3d`)),
            [{ expr: `round(${sliRecord("latency", "1h")} * 10000)`, eval_time: "2h", exp_samples: [{ labels: target, value: 120 }] }],
        ),
        group(`latency: p99 just under the target (0.8% slower) is silent`, s.latency(targetSeconds, 0.008, 480), silent("7h", latency), [
            { expr: `round(${sliRecord("latency", "1h")} * 10000)`, eval_time: "2h", exp_samples: [{ labels: target, value: 80 }] },
        ]),
        group(
            "latency: half the requests slower than the target pages and tickets",
            s.latency(targetSeconds, 0.5, 120),
            burn("latency").map((a) => at("90m", a.alert, s.target, `50% over the last ${a.long}`)),
        ),
        // The blackbox probe: the Service answers nothing from 30m on (no 5xx is ever served). Five failed probes
        // (2.5 minutes at the Probe's 30 s interval) page; at 1-minute samples here, at 36m.
        group(
            "no response: failed probes burn the probe budget and page",
            [{ series: seriesName("probe_success", probe), values: "1x30 0x30" }],
            [
                ...silent("30m", burn("probe").map((a) => a.alert)),
                // Every window still holds the whole history: 6 failed probes among 37 samples.
                ...burn("probe").map((a) => at("36m", a.alert, { namespace: spec.namespace, job: PROBE_JOB }, `${percent(6 / 37)} over the last ${a.long}`)),
            ],
        ),
        group("target down: scrape fails", [{ series: seriesName("up", { ...s.target, ...pod }), values: "0x20" }], [at("10m", SERVICE_ALERTS.targetDown, { ...s.target, ...pod })]),
        group(
            "target up and answering: nothing fires",
            [
                { series: seriesName("up", { ...s.target, ...pod }), values: "1x20" },
                { series: seriesName("http_requests_total", { ...s.target, ...pod, method: "GET", route: "/metrics", code: "200" }), values: counter(2, 20) },
                { series: seriesName("kube_deployment_status_replicas_available", deployment), values: "2x20" },
            ],
            [at("10m", SERVICE_ALERTS.targetDown, undefined), ...silent("15m", [SERVICE_ALERTS.noRequests, SERVICE_ALERTS.noReplica])],
        ),
        group(
            "crash loop: a restart a minute",
            [{ series: seriesName("kube_pod_container_status_restarts_total", ksm), values: counter(1, 40) }],
            [at("35m", SERVICE_ALERTS.restarts, ksm, "30 restarts")],
        ),
        // Exactly at the threshold: "more than 2" means 2 restarts stay silent (increase() extrapolated them to ~2.1).
        restartGroup("two restarts in 30m are not more than 2", 2, [at("35m", SERVICE_ALERTS.restarts, undefined), at("46m", SERVICE_ALERTS.restarts, undefined)]),
        restartGroup("three restarts in 30m fire, and stop once they leave the window", 3, [
            at("30m", SERVICE_ALERTS.restarts, undefined),
            at("35m", SERVICE_ALERTS.restarts, ksm, "3 restarts"),
            at("46m", SERVICE_ALERTS.restarts, ksm, "3 restarts"),
            at("70m", SERVICE_ALERTS.restarts, undefined),
        ]),
        group(
            "one restart (e.g. a single OOM kill) is not a crash loop",
            [{ series: seriesName("kube_pod_container_status_restarts_total", ksm), values: "0x20 1x20" }],
            [at("35m", SERVICE_ALERTS.restarts, undefined)],
        ),
    ];
}

/**
 * The workbook's detection bound for a slow burn, with a clean history: three healthy days, then errors at twice
 * the budget. The 1x alert over 3 d needs its long window's ratio above 1x, which takes 3 d × 1/2 = 36 h of the
 * 2x burn; it must not fire before and must have fired shortly after. Samples every 5 minutes keep it fast.
 */
function slowBurnDetectionGroup(spec: WorkloadSpec): TestGroup {
    const rules = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []);
    const s = new Scenario(spec, rules);
    const budget = 1 - spec.slo.target;
    const healthy = 3 * 24 * 12;
    const burning = 40 * 12;
    const perSample = 50000;
    const bad = Math.round(2 * budget * perSample);
    const base = { ...s.target, method: "GET", route: "/work" };
    const ticket = BURN_RATE_ALERTS.find((a) => a.sli === "availability" && a.long === "3d")!.alert;
    const start = `${3 * 24}h`;
    const after = (hours: number) => `${3 * 24 + hours}h`;
    // The 3 d window at +37 h holds 37 h of the burn among 72 h of samples (5-minute steps, both ends included).
    const ratioAt37h = (bad * 37 * 12) / (perSample * 72 * 12);
    return {
        name: "slow burn with 3 clean days: 2x budget tickets within the workbook's 36 h, not before",
        interval: "5m",
        input_series: [
            { series: seriesName("http_requests_total", { ...base, code: "200" }), values: `0+${perSample}x${healthy} ${perSample * (healthy + 1) - bad}+${perSample - bad}x${burning - 1}` },
            { series: seriesName("http_requests_total", { ...base, code: "500" }), values: `0x${healthy} ${bad}+${bad}x${burning - 1}` },
        ],
        alert_rule_test: [
            { eval_time: start, alertname: ticket, exp_alerts: [] },
            { eval_time: after(35), alertname: ticket, exp_alerts: [] },
            { eval_time: after(37), alertname: ticket, exp_alerts: [s.expected(ticket, s.target, `${percent(ratioAt37h)} over the last 3d`)] },
        ],
    };
}

describe("app: alert rules under promtool", function () {
    this.timeout(240000);
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
            assert.equal(count, 40, "3 SLIs x (7 window + 1 period) ratio recordings, 3 SLIs x 4 burn-rate alerts, 4 service alerts");
            assert.match(check.stdout, new RegExp(`SUCCESS: ${count} rules found`));

            // One promtool run per rule set, each with only its rules: the same expressions, a fraction of the work.
            const bySet = new Map<RuleSet, TestGroup[]>();
            for (const group of testGroups(spec)) bySet.set(readsOf(group), [...(bySet.get(readsOf(group)) ?? []), group]);
            assert.deepEqual([...bySet.keys()].sort(), ["availability", "latency", "probe", "service"]);
            for (const [set, groups] of bySet) {
                const setRules = path.join(dir, `${env}-${set}-rules.yaml`);
                fs.writeFileSync(setRules, stringify({ groups: ruleSet(spec, set) }));
                const testFile = path.join(dir, `${env}-${set}-test.yaml`);
                fs.writeFileSync(testFile, stringify({ rule_files: [path.basename(setRules)], evaluation_interval: "1m", tests: groups }, { lineWidth: 0 }));
                const run = spawnSync("promtool", ["test", "rules", testFile], { encoding: "utf8", cwd: dir });
                assert.equal(run.status, 0, `promtool test rules (${set}) failed:\n${run.stdout}\n${run.stderr}`);
            }
        });

        it(`${env}: a 2x slow burn after 3 clean days tickets within the workbook's 36 h bound`, () => {
            // Only the rules that alert reads, evaluated every 5 minutes: 4.7 days of history stay quick.
            const spec = presetSpec(env);
            const ticket = BURN_RATE_ALERTS.find((a) => a.sli === "availability" && a.long === "3d")!;
            const needed = new Set([ticket.alert, errorRatioRecord(ticket.long), errorRatioRecord(ticket.short)]);
            const groups = [{ name: "slow-burn", rules: appPrometheusRule(spec).spec.groups!.flatMap((g) => (g.rules ?? []).filter((r) => needed.has(r.alert ?? r.record ?? ""))) }];
            const rulesFile = path.join(dir, `${env}-slow-rules.yaml`);
            fs.writeFileSync(rulesFile, stringify({ groups }));
            const testFile = path.join(dir, `${env}-slow-test.yaml`);
            fs.writeFileSync(testFile, stringify({ rule_files: [path.basename(rulesFile)], evaluation_interval: "5m", tests: [slowBurnDetectionGroup(spec)] }, { lineWidth: 0 }));
            const run = spawnSync("promtool", ["test", "rules", testFile], { encoding: "utf8", cwd: dir });
            assert.equal(run.status, 0, `promtool test rules failed:\n${run.stdout}\n${run.stderr}`);
        });
    }

    it("promtool really compares: a wrong expected label fails the test", () => {
        const spec = presetSpec("dev");
        const rulesFile = path.join(dir, "neg-rules.yaml");
        fs.writeFileSync(rulesFile, stringify({ groups: ruleSet(spec, "availability") }));
        const [outage] = testGroups(spec);
        outage.alert_rule_test[0].exp_alerts[0].exp_labels.severity = "ticket";
        const testFile = path.join(dir, "neg-test.yaml");
        fs.writeFileSync(testFile, stringify({ rule_files: [path.basename(rulesFile)], evaluation_interval: "1m", tests: [outage] }, { lineWidth: 0 }));
        assert.throws(() => execFileSync("promtool", ["test", "rules", testFile], { cwd: dir, stdio: "pipe" }));
    });
});
