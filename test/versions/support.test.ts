// The look-ahead thresholds on fixed days: fewer than 60 days of support left fails, fewer than 90 warns, an
// estimated date only warns, and a version the calendar does not know fails. 1.36 ends upstream on 2027-06-28.
import { strict as assert } from "node:assert";
import { supportFindings } from "../../versions";

const day = (iso: string) => new Date(`${iso}T08:00:00Z`);
const k136 = [{ what: "x", kubernetesMinor: "1.36", platform: "upstream" as const }];

describe("versions: look-ahead support check", () => {
    it("passes with 90 days left, warns from 89, fails from 59", () => {
        assert.equal(supportFindings(k136, day("2027-03-30"))[0].level, "ok"); // 90 days
        assert.equal(supportFindings(k136, day("2027-03-31"))[0].level, "warn"); // 89 days
        assert.equal(supportFindings(k136, day("2027-04-29"))[0].level, "warn"); // 60 days
        const fail = supportFindings(k136, day("2027-04-30"))[0]; // 59 days
        assert.equal(fail.level, "fail");
        assert.equal(fail.daysLeft, 59);
        assert.match(fail.message, /^x: Kubernetes 1\.36 has 59 day\(s\) of upstream support left \(until 2027-06-28\); upgrade it/);
    });

    it("fails after the end of life, naming the date", () => {
        const [finding] = supportFindings(k136, day("2027-07-01"));
        assert.equal(finding.level, "fail");
        assert.match(finding.message, /left upstream support on 2027-06-28/);
    });

    it("uses AKS's own end of life for AKS stacks (1.36: June 2027, two days past upstream)", () => {
        const [finding] = supportFindings([{ what: "prod", kubernetesMinor: "1.36", platform: "aks" }], day("2027-05-01"));
        assert.equal(finding.lastDay, "2027-06-30");
        assert.equal(finding.daysLeft, 60);
    });

    it("an estimated end of support warns but never fails", () => {
        const [finding] = supportFindings([{ what: "argo", chart: "argocd", appMinor: "3.4" }], day("2027-01-20"));
        assert.equal(finding.level, "warn");
        assert.match(finding.message, /estimated/);
    });

    it("a version the calendar does not list fails and says what to add", () => {
        const [k8s, chart] = supportFindings([{ what: "a", kubernetesMinor: "1.99", platform: "aks" }, { what: "b", chart: "argocd", appMinor: "9.9" }], day("2026-12-04"));
        assert.equal(k8s.level, "fail");
        assert.match(k8s.message, /Kubernetes 1\.99 is not in versions\/support-calendar\.json/);
        assert.equal(chart.level, "fail");
    });
});
