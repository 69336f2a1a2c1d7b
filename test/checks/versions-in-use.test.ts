// What the look-ahead check watches, and the check itself on today's date: CI fails when anything the project
// runs or pins has fewer than 60 days of support left, and prints a warning below 90.
import { strict as assert } from "node:assert";
import { stackKubernetesMinor, versionsInUse } from "../../checks";
import type { PlainStackConfig } from "../../stacks";
import { STACKS, plainStackConfig } from "../../synth";
import { supportFindings } from "../../versions";

const stacks = (): Record<string, PlainStackConfig> => Object.fromEntries(STACKS.map((stack) => [stack, plainStackConfig(stack)]));
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("checks: versions in use", () => {
    it("derives each stack's minor: kind from its node image, AKS from its channel (staging rapid = N, prod stable = N-1)", () => {
        const all = stacks();
        const on = day("2026-12-04");
        assert.equal(stackKubernetesMinor(all.dev.cluster, on), "1.36");
        assert.equal(stackKubernetesMinor(all.staging.cluster, on), "1.37");
        assert.equal(stackKubernetesMinor(all.prod.cluster, on), "1.36");
    });

    it("staging runs a minor at least as new as prod's in each of the calendar's next six months", () => {
        const all = stacks();
        for (let month = 0; month < 6; month++) {
            const on = new Date(Date.UTC(2026, 11 + month, 15));
            const [staging, prod] = [all.staging.cluster, all.prod.cluster].map((c) => Number(stackKubernetesMinor(c, on)?.split(".")[1]));
            assert.ok(staging >= prod, `${on.toISOString().slice(0, 10)}: staging 1.${staging}, prod 1.${prod}`);
        }
    });

    it("staging takes node OS and patch upgrades before prod: the same node OS channel, a maintenance window a day earlier", () => {
        const { staging, prod } = stacks();
        if (staging.cluster.kind !== "aks" || prod.cluster.kind !== "aks") return assert.fail("staging and prod are AKS stacks");
        assert.deepEqual([staging.cluster.upgradeChannel, prod.cluster.upgradeChannel], ["rapid", "stable"]);
        assert.equal(staging.cluster.nodeOsUpgradeChannel, prod.cluster.nodeOsUpgradeChannel);
        const week = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
        assert.ok(week.indexOf(staging.cluster.maintenanceWindow.dayOfWeek) < week.indexOf(prod.cluster.maintenanceWindow.dayOfWeek), "staging's window comes first in the week");
        assert.equal(staging.cluster.kubernetesVersion, undefined, "staging pins no minor");
        assert.equal(prod.cluster.kubernetesVersion, undefined, "prod pins no minor");
    });

    it("watches every stack, the pinned dev minors and Argo CD", () => {
        const watched = versionsInUse(stacks(), day("2026-12-04")).map((use) => use.what);
        for (const stack of STACKS) assert.ok(watched.some((what) => what.startsWith(`stack ${stack} `)), stack);
        for (const pin of ["kubernetes.minor", "kubectl", "kubernetesModels", "charts.argocd"]) assert.ok(watched.some((what) => what.includes(pin)), pin);
    });

    it("a pinned minor past its end of life is caught (staging pinned to 1.33 on the patch channel)", () => {
        const staging = { ...plainStackConfig("staging") };
        if (staging.cluster.kind !== "aks") assert.fail("staging is an AKS stack");
        const pinned = { ...staging, cluster: { ...staging.cluster, upgradeChannel: "patch" as const, kubernetesVersion: "1.33" } };
        const findings = supportFindings(versionsInUse({ staging: pinned }, day("2026-12-04")), day("2026-12-04"));
        assert.equal(findings[0].level, "fail");
        assert.match(findings[0].message, /^stack staging \(pinned\): Kubernetes 1\.33 left AKS community support on 2026-07-31/);
    });

    it("today: everything in use has at least 60 days of support left (warnings below 90 are printed)", () => {
        const today = new Date();
        const findings = supportFindings(versionsInUse(stacks(), today), today);
        for (const finding of findings.filter((f) => f.level === "warn")) console.warn(`      warning: ${finding.message}`);
        assert.deepEqual(findings.filter((f) => f.level === "fail").map((f) => f.message), []);
    });
});
