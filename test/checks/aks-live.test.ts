// The weekly live comparison against a recorded `az aks get-versions` answer (shape: Managed Clusters - List
// Kubernetes Versions, api-version 2024-02-01 and later: values[].version, isDefault, isPreview,
// capabilities.supportPlan).
import { strict as assert } from "node:assert";
import { communityMinors, liveFindings, type AksVersionList } from "../../checks";
import type { PlainStackConfig } from "../../stacks";
import { STACKS, plainStackConfig } from "../../synth";

const stacks = (): Record<string, PlainStackConfig> => Object.fromEntries(STACKS.map((stack) => [stack, plainStackConfig(stack)]));
const official = { supportPlan: ["KubernetesOfficial", "AKSLongTermSupport"] };
const lts = { supportPlan: ["AKSLongTermSupport"] };

const DECEMBER_2026: AksVersionList = {
    values: [
        { version: "1.33", capabilities: lts },
        { version: "1.34", capabilities: lts },
        { version: "1.35", capabilities: official },
        { version: "1.36", isDefault: true, capabilities: official },
        { version: "1.37", capabilities: official },
        { version: "1.38", isPreview: true, capabilities: official },
    ],
};

describe("checks: live AKS versions", () => {
    it("offers under community support only GA minors with the KubernetesOfficial plan", () => {
        assert.deepEqual(communityMinors(DECEMBER_2026), ["1.35", "1.36", "1.37"]);
    });

    it("passes when the region offers every stack's minor and matches the calendar", () => {
        const findings = liveFindings(DECEMBER_2026, stacks(), new Date("2026-12-04T12:00:00Z"));
        assert.deepEqual(findings.filter((f) => f.level !== "ok"), []);
        assert.deepEqual(findings.map((f) => f.message.split(":")[0]), ["stack staging", "stack prod"]);
    });

    it("fails when a stack's minor is only served under Long-Term Support (the K8sVersionNotSupported of 1.33 on Free)", () => {
        const shrunk: AksVersionList = { values: DECEMBER_2026.values.map((v) => (v.version === "1.37" ? { ...v, capabilities: lts } : v)) };
        const failures = liveFindings(shrunk, stacks(), new Date("2026-12-04T12:00:00Z")).filter((f) => f.level === "fail");
        assert.equal(failures.length, 1);
        assert.match(failures[0].message, /^stack staging: Kubernetes 1\.37 is not offered under community support in this region \(offered: 1\.35, 1\.36\)/);
    });

    it("warns when AKS moved on: a new default, a minor the calendar lacks", () => {
        const moved: AksVersionList = { values: [...DECEMBER_2026.values.map((v) => ({ ...v, isDefault: v.version === "1.37" })), { version: "1.39", capabilities: official }] };
        const warnings = liveFindings(moved, stacks(), new Date("2026-12-04T12:00:00Z")).filter((f) => f.level === "warn").map((f) => f.message);
        assert.ok(warnings.some((m) => m.startsWith("the region's newest minor is 1.39")), warnings.join("\n"));
        assert.ok(warnings.some((m) => m.startsWith("versions/support-calendar.json lacks 1.39")), warnings.join("\n"));
        assert.ok(warnings.some((m) => m.startsWith("AKS now creates 1.37 by default, dev runs 1.36")), warnings.join("\n"));
    });
});
