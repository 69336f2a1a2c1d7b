// The checks against the running platform: fetch each live answer, hand it to the pure check, retry until it
// passes or the deadline passes (Helm releases report ready before Prometheus has scraped or Grafana's sidecar
// has loaded the dashboard).
import { checkAppAnswers, secretValue } from "./checks/app";
import { checkAutoscalerMetrics } from "./checks/autoscaler";
import { checkDashboardLoaded, type SearchHit } from "./checks/grafana";
import { checkRuleGroupsLoaded, checkTargetsHealthy, checkUpQuery, upQuery, type QueryResponse, type RulesResponse, type TargetsResponse } from "./checks/prometheus";
import type { KubeList, KubeObject, Problems } from "./checks/types";
import { checkWorkloadsAvailable } from "./checks/workloads";
import type { Expectations } from "./expectations";
import { httpGet, type Kube } from "./kube";

/** Services kube-prometheus-stack creates: the operator's governing Service and Grafana (`<release>-grafana`). */
const PROMETHEUS_SERVICE = { name: "prometheus-operated", port: 9090 };
const GRAFANA_SERVICE = { name: "kube-prometheus-stack-grafana", port: 80 };

export interface VerifyInputs {
    kube: Kube;
    expected: Expectations;
    greeting: string;
    grafanaPassword: string;
    /** How long the checks together may keep retrying: the platform settles once, not once per check. */
    deadlineMs: number;
}

interface NamedCheck {
    name: string;
    run: () => Promise<Problems>;
}

async function eventually(check: NamedCheck, stopAt: number): Promise<Problems> {
    for (;;) {
        let problems: Problems;
        try {
            problems = await check.run();
        } catch (err) {
            problems = [(err as Error).message];
        }
        if (problems.length === 0 || Date.now() >= stopAt) return problems;
        await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
}

function json<T>(text: string, what: string): T {
    try {
        return JSON.parse(text) as T;
    } catch {
        throw new Error(`${what} did not answer JSON: ${text.slice(0, 200)}`);
    }
}

function checks({ kube, expected, greeting, grafanaPassword }: VerifyInputs): NamedCheck[] {
    const { app } = expected;
    const monitoring = expected.monitoringNamespace;
    return [
        ...expected.namespaces.map((ns) => ({
            name: `every Deployment, StatefulSet and DaemonSet in ${ns} is available`,
            run: () => Promise.resolve(checkWorkloadsAvailable(ns, kube.json<KubeList>(["-n", ns, "get", "deployments,statefulsets,daemonsets"]))),
        })),
        {
            name: `${app.namespace}/${app.service} answers /readyz, /work and /metrics with the greeting from its Secret`,
            run: async () => {
                const secret = kube.json<KubeObject & { data?: Record<string, string> }>(["-n", app.namespace, "get", "secret", app.greetingSecret.name]);
                const answers = await kube.withPortForward(app.namespace, app.service, app.port, async (base) => ({
                    readyz: await httpGet(`${base}/readyz`),
                    work: await httpGet(`${base}/work`),
                    // After /work, so its request is on the counter.
                    metrics: await httpGet(`${base}/metrics`),
                }));
                return checkAppAnswers(answers, { configured: greeting, inSecret: secretValue(secret, app.greetingSecret.key) }, app.requestCounter);
            },
        },
        {
            name: `Prometheus scrapes the app (up == 1) and has loaded its ${expected.rules.groups.length} rule groups`,
            run: () =>
                kube.withPortForward(monitoring, PROMETHEUS_SERVICE.name, PROMETHEUS_SERVICE.port, async (base) => {
                    const targets = json<TargetsResponse>((await httpGet(`${base}/api/v1/targets?state=active`)).body, "/api/v1/targets");
                    const up = json<QueryResponse>((await httpGet(`${base}/api/v1/query?query=${encodeURIComponent(upQuery(expected.scrape))}`)).body, "/api/v1/query");
                    const rules = json<RulesResponse>((await httpGet(`${base}/api/v1/rules`)).body, "/api/v1/rules");
                    return [...checkTargetsHealthy(targets, expected.scrape), ...checkUpQuery(up, expected.scrape), ...checkRuleGroupsLoaded(rules, expected.rules)];
                }),
        },
        {
            name: `Grafana has the dashboard ${expected.dashboard.uid}`,
            run: () =>
                kube.withPortForward(monitoring, GRAFANA_SERVICE.name, GRAFANA_SERVICE.port, async (base) => {
                    const auth = `Basic ${Buffer.from(`admin:${grafanaPassword}`).toString("base64")}`;
                    const answer = await httpGet(`${base}/api/search?type=dash-db&query=${encodeURIComponent(expected.dashboard.title)}`, { Authorization: auth });
                    if (answer.status !== 200) return [`Grafana /api/search answered ${answer.status}: ${answer.body.slice(0, 200)}`];
                    return checkDashboardLoaded(json<SearchHit[]>(answer.body, "Grafana /api/search"), expected.dashboard);
                }),
        },
        {
            name: `HorizontalPodAutoscaler ${app.namespace}/${expected.autoscaler.name} reads ${expected.autoscaler.resources.join(" and ")}`,
            run: () => Promise.resolve(checkAutoscalerMetrics(kube.json<KubeObject>(["-n", app.namespace, "get", "hpa", expected.autoscaler.name]), expected.autoscaler.resources)),
        },
    ];
}

/** Runs every check (each retried up to the deadline); returns one line per problem, prefixed by its check. */
export async function verifyPlatform(inputs: VerifyInputs): Promise<Problems> {
    const failures: Problems = [];
    const stopAt = Date.now() + inputs.deadlineMs;
    for (const check of checks(inputs)) {
        const started = Date.now();
        const problems = await eventually(check, stopAt);
        const seconds = ((Date.now() - started) / 1000).toFixed(0);
        console.log(`${problems.length === 0 ? "PASS" : "FAIL"} ${check.name} (${seconds} s)`);
        for (const p of problems) console.log(`     ${p}`);
        failures.push(...problems.map((p) => `${check.name}: ${p}`));
    }
    return failures;
}
