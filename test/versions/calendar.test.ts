// The support calendar's questions on fixed days. Expected values come from the published calendars:
// kubernetes.io/releases (1.34 EOL 2026-10-27, 1.35 EOL 2027-02-28) and the AKS release calendar (1.34 AKS end of
// life Nov 2026, 1.37 AKS GA Oct 2026).
import { strict as assert } from "node:assert";
import { aksChannelMinor, daysUntil, kubernetesEndOfLife, minorOf, supportedMinors } from "../../versions";

const day = (iso: string) => new Date(`${iso}T12:00:00Z`);

describe("versions: support calendar", () => {
    it("reads the minor of versions, tags and image references", () => {
        assert.equal(minorOf("1.36"), "1.36");
        assert.equal(minorOf("1.36.1"), "1.36");
        assert.equal(minorOf("v1.36.1"), "1.36");
        assert.equal(minorOf("kindest/node:v1.33.1@sha256:" + "a".repeat(64)), "1.33");
        assert.equal(minorOf("registry.local:5000/kindest/node:v1.35.0"), "1.35");
        assert.equal(minorOf("latest"), undefined);
    });

    it("counts whole days, 0 on the last day and negative after it", () => {
        assert.equal(daysUntil("2027-02-28", day("2026-12-30")), 60);
        assert.equal(daysUntil("2027-02-28", day("2027-02-28")), 0);
        assert.equal(daysUntil("2026-10-27", day("2026-10-28")), -1);
    });

    it("knows upstream and AKS end-of-life dates", () => {
        assert.equal(kubernetesEndOfLife("1.34", "upstream"), "2026-10-27");
        assert.equal(kubernetesEndOfLife("1.34", "aks"), "2026-11-30");
        assert.equal(kubernetesEndOfLife("1.35", "upstream"), "2027-02-28");
        assert.equal(kubernetesEndOfLife("1.99", "aks"), undefined);
    });

    it("lists the minors in community support on a day", () => {
        assert.deepEqual(supportedMinors("upstream", day("2026-12-04")), ["1.35", "1.36", "1.37"]);
        // AKS keeps 1.34 to the end of November 2026, a month past upstream.
        assert.deepEqual(supportedMinors("aks", day("2026-11-15")), ["1.34", "1.35", "1.36", "1.37"]);
        // Before 1.37's AKS GA (October 2026) AKS does not offer it.
        assert.deepEqual(supportedMinors("aks", day("2026-09-01")), ["1.34", "1.35", "1.36"]);
    });

    it("puts rapid on the newest AKS minor and stable (and the default) one behind", () => {
        assert.equal(aksChannelMinor("rapid", day("2026-12-04")), "1.37");
        assert.equal(aksChannelMinor("stable", day("2026-12-04")), "1.36");
        assert.equal(aksChannelMinor("rapid", day("2026-09-01")), "1.36");
        assert.equal(aksChannelMinor("stable", day("2026-09-01")), "1.35");
    });
});
