import * as assert from "node:assert/strict";
import upFixture from "../fixtures/prometheus-query-up.json";
import rulesFixture from "../fixtures/prometheus-rules.json";
import targetsFixture from "../fixtures/prometheus-targets.json";
import { expectationsFor } from "../expectations";
import { checkRuleGroupsLoaded, checkTargetsHealthy, checkUpQuery, upQuery, type QueryResponse, type RulesResponse, type TargetsResponse } from "./prometheus";

// JSON imports widen tuples and optional labels; the fixtures are the documented response shapes.
const targets = targetsFixture as unknown as TargetsResponse;
const up = upFixture as unknown as QueryResponse;
const rules = rulesFixture as unknown as RulesResponse;
const expected = expectationsFor("e2e-3f9a1c2b");

describe("e2e check: Prometheus", () => {
    describe("target health (/api/v1/targets)", () => {
        it("passes when the app's target is up", () => {
            assert.deepEqual(checkTargetsHealthy(targets, expected.scrape), []);
        });

        it("reports a down target with its scrape error", () => {
            const down = structuredClone(targets);
            Object.assign(down.data!.activeTargets[0], { health: "down", lastError: 'Get "http://10.244.1.17:8000/metrics": context deadline exceeded' });
            assert.deepEqual(checkTargetsHealthy(down, expected.scrape), [
                'target http://10.244.1.17:8000/metrics (serviceMonitor/app/greeter/0) is down: Get "http://10.244.1.17:8000/metrics": context deadline exceeded',
            ]);
        });

        it("reports a missing target (ServiceMonitor not selected)", () => {
            assert.deepEqual(checkTargetsHealthy(targets, { namespace: "app", job: "other" }), ['no active Prometheus target matches {namespace="app",job="other"} (is the ServiceMonitor selected?)']);
        });

        it("reports an API error", () => {
            assert.deepEqual(checkTargetsHealthy({ status: "error", errorType: "unavailable", error: "TSDB not ready" }, expected.scrape), ["/api/v1/targets: Prometheus answered error: unavailable TSDB not ready"]);
        });
    });

    describe("up == 1 (/api/v1/query)", () => {
        it("queries exactly the app's scrape job", () => {
            assert.equal(upQuery(expected.scrape), 'up{namespace="app",job="greeter"}');
        });

        it("passes a vector whose every series is 1", () => {
            assert.deepEqual(checkUpQuery(up, expected.scrape), []);
        });

        it("fails a series at 0 and an empty result", () => {
            const zero = structuredClone(up);
            zero.data!.result[0].value = [1796072551.482, "0"];
            assert.deepEqual(checkUpQuery(zero, expected.scrape), ['up{instance="10.244.1.17:8000"} = 0, expected 1']);
            const empty = structuredClone(up);
            empty.data!.result = [];
            assert.deepEqual(checkUpQuery(empty, expected.scrape), ['up{namespace="app",job="greeter"} has no series yet (the target was never scraped)']);
        });
    });

    describe("rule groups (/api/v1/rules)", () => {
        it("expects the groups the workload builder puts in the PrometheusRule", () => {
            assert.deepEqual(
                expected.rules.groups.map((g) => g.name),
                ["greeter-slo-error-ratios", "greeter-slo-burn-rate", "greeter-service"],
            );
        });

        it("passes when every group is loaded from the app's rule file, complete and healthy", () => {
            assert.deepEqual(checkRuleGroupsLoaded(rules, expected.rules), []);
        });

        it("reports a missing group, a short group and a rule that fails to evaluate", () => {
            const broken = structuredClone(rules);
            const groups = broken.data!.groups;
            groups.splice(groups.findIndex((g) => g.name === "greeter-service"), 1);
            const burn = groups.find((g) => g.name === "greeter-slo-burn-rate")!;
            burn.rules.pop();
            Object.assign(burn.rules[0], { health: "err", lastError: "many-to-many matching not allowed" });
            assert.deepEqual(checkRuleGroupsLoaded(broken, expected.rules), [
                "rule group greeter-slo-burn-rate: 11 rules loaded, expected 12",
                "rule GreeterErrorBudgetBurn1h in group greeter-slo-burn-rate fails to evaluate: many-to-many matching not allowed",
                "rule group greeter-service of PrometheusRule app/greeter is not loaded",
            ]);
        });

        it("does not count a same-named group from another PrometheusRule", () => {
            const elsewhere = structuredClone(rules);
            for (const g of elsewhere.data!.groups) g.file = g.file.replace("/app-greeter-", "/other-greeter-");
            assert.equal(checkRuleGroupsLoaded(elsewhere, expected.rules).length, 3);
        });
    });
});
