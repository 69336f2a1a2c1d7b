// The ServiceMonitor's scrape interval against the windows the alert rules read. rate() over a window needs at
// least two samples in it; with fewer, the burn-rate alerts of that window see no data and never fire. The rule
// here asks for four scrapes per window (Grafana's $__rate_interval convention), so one or two missed scrapes
// still leave two samples.
import { strict as assert } from "node:assert";
import type { IServiceMonitor } from "@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1/ServiceMonitor";
import { appPrometheusRule, buildWorkload } from "../../../components/app";
import { ENVIRONMENTS, presetSpec } from "./support";

const SCRAPES_PER_WINDOW = 4;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Seconds of a Prometheus duration such as "30s", "5m" or "1h30m". */
function seconds(duration: string): number {
    const parts = [...duration.matchAll(/(\d+)(ms|s|m|h|d|w)/g)];
    assert.ok(parts.length > 0 && parts.map((p) => p[0]).join("") === duration, `not a Prometheus duration: ${duration}`);
    return parts.reduce((sum, [, n, unit]) => sum + Number(n) * UNIT_SECONDS[unit], 0);
}

describe("app: the scrape interval feeds every alert window", () => {
    for (const env of ENVIRONMENTS) {
        it(`${env}: at least ${SCRAPES_PER_WINDOW} scrapes in the shortest window any rule reads`, () => {
            const spec = presetSpec(env);
            const rules = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []);
            // Every range selector in every rule expression, e.g. [5m] in rate(...[5m]).
            const windows = rules.flatMap((r) => [...String(r.expr).matchAll(/\[([0-9a-z]+)(?::[0-9a-z]*)?\]/g)].map((m) => m[1]));
            assert.ok(windows.length > 0, "the rules read range selectors");
            const shortest = Math.min(...windows.map(seconds));
            // The loss-of-service page reads 2 minutes ("no request answered"), so it pages within 5 minutes; the
            // SRE workbook's shortest burn-rate window (5 minutes) is longer. Nothing reads less than 2 minutes.
            assert.equal(shortest, 120, `shortest window read by a rule: ${shortest} s`);

            const monitors = buildWorkload(spec).filter((o): o is IServiceMonitor => o.kind === "ServiceMonitor");
            assert.equal(monitors.length, 1, "the app is scraped through one ServiceMonitor");
            const endpoints = monitors[0].spec.endpoints;
            assert.ok(endpoints.length > 0);
            for (const endpoint of endpoints) {
                assert.ok(endpoint.interval, "an explicit interval (Prometheus' global default could be anything)");
                const interval = seconds(endpoint.interval);
                assert.ok(
                    interval * SCRAPES_PER_WINDOW <= shortest,
                    `scrape interval ${endpoint.interval} gives ${Math.floor(shortest / interval)} scrape(s) in the ${shortest} s window; at least ${SCRAPES_PER_WINDOW} needed`,
                );
                assert.ok(endpoint.scrapeTimeout && seconds(endpoint.scrapeTimeout) < interval, "the scrape timeout is below the interval");
            }
        });
    }
});
