// components/app/README.md is documentation reviewers trust: its sizing table and runbook must match the code.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { disruptionBudget, quotaPlan } from "../../../components/app";
import { appPrometheusRule } from "../../../components/app";
import { ENVIRONMENTS, presetSpec } from "./support";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "..", "components", "app", "README.md"), "utf8");

describe("app: README", () => {
    for (const env of ENVIRONMENTS) {
        it(`${env}: the sizing table row matches the preset and the derived quota`, () => {
            const { sizing, slo } = presetSpec(env);
            const quota = quotaPlan(sizing);
            const pdb = Object.entries(disruptionBudget()).map(([k, v]) => `${k} ${v}`).join(", ");
            const row = [
                env,
                `${sizing.minReplicas}–${sizing.maxReplicas}`,
                `${sizing.cpuRequestMillicores}m`,
                `${sizing.memoryRequestMiB}Mi`,
                `${sizing.memoryLimitMiB}Mi`,
                pdb,
                quota.pods,
                `${quota.requestsCpuMillicores}m`,
                `${quota.requestsMemoryMiB}Mi`,
                `${quota.limitsMemoryMiB}Mi`,
                `${Number((slo.target * 100).toFixed(3))}%`,
                `${slo.latencyP99TargetMs} ms`,
            ].join(" | ");
            assert.ok(README.includes(`| ${row} |`), `README lacks the row:\n| ${row} |`);
        });
    }

    it("has a runbook section for every alert (the runbook_url anchors)", () => {
        const rules = appPrometheusRule(presetSpec("prod")).spec.groups!.flatMap((g) => g.rules ?? []);
        for (const rule of rules.filter((r) => r.alert)) {
            assert.ok(README.includes(`\n### ${rule.alert}\n`), `README has no "### ${rule.alert}" section`);
            assert.ok(rule.annotations?.runbook_url?.endsWith(`README.md#${rule.alert!.toLowerCase()}`));
        }
    });
});
