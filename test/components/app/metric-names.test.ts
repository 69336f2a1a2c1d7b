import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as net from "node:net";
import * as path from "node:path";
import { appDashboard, appPrometheusRule } from "../../../components/app";
import { dashboardModel } from "../../../components/app";
import { NON_USER_ROUTES } from "../../../components/app";
import { ENVIRONMENTS, presetSpec } from "./support";
import { familiesOf, metricNamesIn, seriesNamesOf } from "./promql";
import { compileApp, APP_DIR, startLiveApp } from "../../support/live/app";
import { request } from "../../support/live/process";

/** Documented by kube-state-metrics (docs/*-metrics.md), cAdvisor (kubelet /metrics/cadvisor) and Prometheus itself. */
const KNOWN_EXTERNAL = new Set([
    "up",
    "kube_pod_container_status_restarts_total",
    "kube_pod_container_resource_requests",
    "kube_pod_container_resource_limits",
    "kube_deployment_status_replicas_available",
    "kube_deployment_spec_replicas",
    "kube_horizontalpodautoscaler_status_current_replicas",
    "kube_horizontalpodautoscaler_status_desired_replicas",
    "kube_horizontalpodautoscaler_spec_min_replicas",
    "kube_horizontalpodautoscaler_spec_max_replicas",
    "container_cpu_usage_seconds_total",
    "container_memory_working_set_bytes",
    // The blackbox exporter's result of each probe (its README, "Prometheus Configuration").
    "probe_success",
]);

/** Raw bytes Node's parser rejects (400), to see the route label the service gives such requests. */
function sendMalformed(baseUrl: string): Promise<void> {
    const { port } = new URL(baseUrl);
    return new Promise((resolve, reject) => {
        const socket = net.connect(Number(port), "127.0.0.1", () => socket.end("GARBAGE\r\n\r\n"));
        socket.on("error", reject).on("close", () => resolve()).resume();
    });
}

async function scrapeLiveService(entry: string): Promise<{ families: Record<string, string>; routes: Set<string> }> {
    const app = await startLiveApp(entry, { SHUTDOWN_DRAIN_SEC: "0" });
    try {
        await request(`${app.baseUrl}/`);
        await request(`${app.baseUrl}/work`);
        await sendMalformed(app.baseUrl);
        const metrics = await request(`${app.baseUrl}/metrics`);
        assert.equal(metrics.status, 200);
        const routes = new Set([...metrics.body.matchAll(/^http_requests_total\{[^}]*route="([^"]+)"/gm)].map((m) => m[1]));
        return { families: familiesOf(metrics.body), routes };
    } finally {
        await app.stop();
    }
}

describe("app: metric names in rules and dashboard", function () {
    this.timeout(60000);
    let exported: Record<string, string>;
    let liveRoutes: Set<string>;
    const source = "a live scrape of the service";
    before(async () => {
        // No fallback to a committed list: the names must come from the service as built from this checkout.
        const entry = compileApp();
        assert.ok(entry, "app/ dependencies are not installed, so the service cannot be started for a live scrape; run `npm ci` (it installs app/ too)");
        try {
            const live = await scrapeLiveService(entry);
            exported = live.families;
            liveRoutes = live.routes;
        } finally {
            fs.rmSync(path.dirname(entry), { recursive: true, force: true });
        }
    });

    it("the service's committed metric list (app/metrics.json) names exactly what the live scrape exports", () => {
        const committed = JSON.parse(fs.readFileSync(path.join(APP_DIR, "metrics.json"), "utf8")) as { types: Record<string, string> };
        assert.deepEqual(committed.types, exported, "app/metrics.json is stale: run `npm --prefix app run metrics:list`");
    });

    it("requests Node's parser rejects (route=\"rejected\") stay out of the SLI, like unmatched paths", () => {
        assert.ok(liveRoutes.has("rejected"), `a malformed request is counted under route="rejected"; routes seen: ${[...liveRoutes].join(", ")}`);
        for (const route of liveRoutes) {
            if (route.startsWith("/") && route !== "/healthz" && route !== "/readyz" && route !== "/metrics") continue;
            assert.ok((NON_USER_ROUTES as readonly string[]).includes(route), `route="${route}" is not user traffic and must be in NON_USER_ROUTES`);
        }
    });

    it("the PromQL reader finds metric names and nothing else", () => {
        assert.deepEqual(metricNamesIn('histogram_quantile(0.99, sum by (namespace, le) (rate(a_bucket{x="y",le!="1"}[5m]))) > 0.5'), ["a_bucket"]);
        assert.deepEqual(metricNamesIn('r:x:rate1h{job="j"} > (14.4 * (1 - 0.999))\nand\nr:x:rate5m{job="j"} > 1'), ["r:x:rate1h", "r:x:rate5m"]);
        assert.deepEqual(metricNamesIn('absent(up{job="a"}) or vector(0.001)'), ["up"]);
    });

    for (const env of ENVIRONMENTS) {
        it(`${env}: every metric read is exported by the service, recorded by our rules, or a known Kubernetes metric`, () => {
            const spec = presetSpec(env);
            const rules = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []);
            const recorded = new Set(rules.flatMap((r) => (r.record ? [r.record] : [])));
            const dashboard = JSON.parse(Object.values(appDashboard(spec).data!)[0]) as ReturnType<typeof dashboardModel>;
            const exprs = [...rules.map((r) => String(r.expr)), ...dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr))];
            const appSeries = seriesNamesOf(exported);
            const used = new Set(exprs.flatMap(metricNamesIn));
            for (const name of used) {
                assert.ok(appSeries.has(name) || recorded.has(name) || KNOWN_EXTERNAL.has(name), `${name} is not exported by the service (${source}), not recorded, and not a known Kubernetes metric`);
            }
            for (const name of ["http_requests_total", "http_request_duration_seconds_bucket", "up", "kube_pod_container_status_restarts_total"]) {
                assert.ok(used.has(name), `${name} is used`);
            }
            assert.equal(exported.http_requests_total, "counter", `http_requests_total is a counter in ${source}`);
            assert.equal(exported.http_request_duration_seconds, "histogram", `http_request_duration_seconds is a histogram in ${source}`);
        });
    }
});
