// Every metric the alert rules and the dashboard read must exist: exported by the real service (scraped live),
// recorded by our own rules, or a well-known kube-state-metrics / cAdvisor / Prometheus series.
import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { appDashboard, appPrometheusRule } from "../../../components/app/workload/monitoring";
import { dashboardModel } from "../../../components/app/monitoring/dashboard";
import { ENVIRONMENTS, presetSpec } from "./support";
import { familiesOf, metricNamesIn, seriesNamesOf } from "./promql";

const APP_DIR = path.join(__dirname, "..", "..", "..", "app");

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
]);

const get = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get(url, (res) => {
            let body = "";
            res.setEncoding("utf8").on("data", (chunk: string) => (body += chunk)).on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        }).on("error", reject);
    });

const freePort = () =>
    new Promise<number>((resolve, reject) => {
        const server = net.createServer().once("error", reject);
        server.listen(0, "127.0.0.1", () => {
            const port = (server.address() as net.AddressInfo).port;
            server.close(() => resolve(port));
        });
    });

/**
 * Compiles app/src with the app's own compiler into a temp dir (so the scrape reflects the current sources,
 * not a stale dist/) and runs it with the app's dependencies. Undefined when app/ dependencies are not installed.
 */
function compileApp(): string | undefined {
    const tsc = path.join(APP_DIR, "node_modules", ".bin", "tsc");
    if (!fs.existsSync(tsc) || !fs.existsSync(path.join(APP_DIR, "node_modules", "prom-client"))) return undefined;
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "app-build-"));
    const build = spawnSync(tsc, ["-p", path.join(APP_DIR, "tsconfig.build.json"), "--outDir", outDir], { encoding: "utf8" });
    assert.equal(build.status, 0, `compiling app/ failed:\n${build.stdout}${build.stderr}`);
    return path.join(outDir, "server.js");
}

async function scrapeLiveService(entry: string): Promise<Record<string, string>> {
    const port = await freePort();
    const child = spawn(process.execPath, [entry], {
        env: { PATH: process.env.PATH, PORT: String(port), HOST: "127.0.0.1", NODE_PATH: path.join(APP_DIR, "node_modules") },
        stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
        const base = `http://127.0.0.1:${port}`;
        for (let attempt = 0; ; attempt++) {
            try {
                if ((await get(`${base}/healthz`)).status === 200) break;
            } catch {
                /* not listening yet */
            }
            if (attempt > 100 || child.exitCode !== null) throw new Error(`the service did not start: ${stderr}`);
            await new Promise((r) => setTimeout(r, 100));
        }
        await get(`${base}/`);
        await get(`${base}/work`);
        const metrics = await get(`${base}/metrics`);
        assert.equal(metrics.status, 200);
        return familiesOf(metrics.body);
    } finally {
        child.kill("SIGTERM");
        await exited;
    }
}

describe("app: metric names in rules and dashboard", function () {
    this.timeout(60000);
    let exported: Record<string, string>;
    let source: string;
    before(async () => {
        const entry = compileApp();
        if (entry) {
            exported = await scrapeLiveService(entry);
            source = "a live scrape of the service";
            fs.rmSync(path.dirname(entry), { recursive: true, force: true });
        } else {
            // app/ dependencies not installed: fall back to the list the app generates from its own live scrape.
            exported = (JSON.parse(fs.readFileSync(path.join(APP_DIR, "metrics.json"), "utf8")) as { types: Record<string, string> }).types;
            source = "app/metrics.json (app/node_modules missing, so no live scrape)";
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
