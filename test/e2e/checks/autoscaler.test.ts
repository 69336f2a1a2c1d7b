import * as assert from "node:assert/strict";
import noMetrics from "../fixtures/hpa-no-metrics.json";
import reading from "../fixtures/hpa-reading.json";
import { checkAutoscalerMetrics } from "./autoscaler";

describe("e2e check: HPA reads CPU and memory", () => {
    it("passes when status.currentMetrics has both readings and ScalingActive is True", () => {
        assert.deepEqual(checkAutoscalerMetrics(reading, ["cpu", "memory"]), []);
    });

    it("fails without metrics-server, with the controller's reason", () => {
        const problems = checkAutoscalerMetrics(noMetrics, ["cpu", "memory"]);
        assert.equal(problems.length, 3);
        assert.match(problems[0], /^HorizontalPodAutoscaler app\/greeter: no current cpu reading/);
        assert.match(problems[1], /no current memory reading/);
        assert.match(problems[2], /ScalingActive=False \(FailedGetResourceMetric: the HPA was unable to compute the replica count/);
    });

    it("fails when one of the two resources has no reading", () => {
        const cpuOnly = structuredClone(reading);
        cpuOnly.status.currentMetrics.pop();
        assert.deepEqual(checkAutoscalerMetrics(cpuOnly, ["cpu", "memory"]), [
            "HorizontalPodAutoscaler app/greeter: no current memory reading (is metrics-server serving the resource metrics API?)",
        ]);
    });
});
