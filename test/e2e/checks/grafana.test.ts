import * as assert from "node:assert/strict";
import search from "../fixtures/grafana-search.json";
import { expectationsFor } from "../expectations";
import { checkDashboardLoaded } from "./grafana";

describe("e2e check: Grafana dashboard (/api/search)", () => {
    const expected = expectationsFor("e2e-3f9a1c2b").dashboard;

    it("expects the uid and title of the dashboard the workload builder ships", () => {
        assert.deepEqual(expected, { uid: "greeter-e2e-3f9a1c2b", title: "greeter (e2e-3f9a1c2b)" });
    });

    it("passes when the sidecar has loaded it", () => {
        assert.deepEqual(checkDashboardLoaded(search, expected), []);
    });

    it("fails when it is missing, listing what Grafana has", () => {
        assert.deepEqual(checkDashboardLoaded([search[0]], expected), ["Grafana has no dashboard with uid greeter-e2e-3f9a1c2b; dashboards found: alertmanager-overview (Alertmanager / Overview)"]);
    });

    it("fails a stale title", () => {
        const stale = [{ ...search[1], title: "greeter (old)" }];
        assert.deepEqual(checkDashboardLoaded(stale, expected), ['Grafana dashboard greeter-e2e-3f9a1c2b is titled "greeter (old)", expected "greeter (e2e-3f9a1c2b)"']);
    });
});
