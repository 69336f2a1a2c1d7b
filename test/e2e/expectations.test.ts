import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { checkTimeoutMs, e2eStackName, expectationsFor } from "./expectations";

const ROOT = path.resolve(__dirname, "..", "..");

describe("e2e stack", () => {
    it("gets a random e2e- name, never a person's stack", () => {
        assert.equal(e2eStackName(undefined, () => "3f9a1c2b"), "e2e-3f9a1c2b");
        assert.equal(e2eStackName("", () => "3f9a1c2b"), "e2e-3f9a1c2b");
        assert.equal(e2eStackName("e2e-12345678901-1", () => "x"), "e2e-12345678901-1");
        for (const bad of ["dev", "prod", "E2E-x", "e2e-", "e2e-UPPER", "e2e-" + "x".repeat(32)]) {
            assert.throws(() => e2eStackName(bad, () => "x"), /^Error: E2E_STACK = ".*": must start with "e2e-"/, bad);
        }
    });

    it("reads E2E_CHECK_TIMEOUT_SEC as whole seconds, default 600, and names a bad value", () => {
        assert.equal(checkTimeoutMs(undefined), 600_000);
        assert.equal(checkTimeoutMs(""), 600_000);
        assert.equal(checkTimeoutMs("900"), 900_000);
        for (const bad of ["0", "-5", "10m", "1.5", "abc", "100000"]) {
            assert.throws(() => checkTimeoutMs(bad), new Error(`E2E_CHECK_TIMEOUT_SEC = "${bad}": must be a whole number of seconds from 1 to 99999`));
        }
    });

    it("uses the dev preset: a kind cluster named after the stack, and the three platform namespaces", () => {
        const expected = expectationsFor("e2e-3f9a1c2b");
        assert.equal(expected.clusterName, "platform-e2e-3f9a1c2b");
        assert.deepEqual(expected.namespaces, ["app", "argocd", "monitoring"]);
        // dev's 64 MiB request sits below the service's measured footprint, so its HPA scales on CPU only.
        assert.deepEqual(expected.autoscaler, { name: "greeter", resources: ["cpu"] });
        assert.deepEqual(expected.app, { namespace: "app", service: "greeter", port: 8000, greetingSecret: { name: "greeter-greeting", key: "GREETING" }, requestCounter: "http_requests_total" });
    });

    it("`npm run test:e2e` runs the driver; the unit script picks up only *.test.ts, so `npm test` never deploys", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };
        assert.equal(pkg.scripts["test:e2e"], "node --require ts-node/register/transpile-only test/e2e/run.ts");
        assert.doesNotMatch(pkg.scripts["test"] + pkg.scripts["test:quick"] + pkg.scripts["test:unit"], /e2e/);
        assert.equal(pkg.scripts["test:unit"], 'mocha "test/**/*.test.ts"', "mocha's spec is only *.test.ts files");
        // The unit tests load only the pure checks: none reaches the driver, kubectl or the Automation API.
        const tests = fs.readdirSync(__dirname, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".test.ts"));
        assert.ok(tests.length >= 8, `found ${tests.length} e2e unit test files`);
        for (const file of tests) {
            assert.doesNotMatch(fs.readFileSync(path.join(__dirname, file), "utf8"), /from "(\.\.?\/)+(run|verify|kube|diagnostics)"|pulumi\/automation/, file);
        }
    });
});
