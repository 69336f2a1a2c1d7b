import * as assert from "node:assert/strict";
import { checkAppAnswers, secretValue, type AppAnswers } from "./app";

const greeting = "e2e greeting for e2e-3f9a1c2b";
// Recorded from the service's own format: /readyz text, /work JSON, /metrics Prometheus exposition.
const healthy: AppAnswers = {
    readyz: { status: 200, body: "ready\n" },
    work: { status: 200, body: JSON.stringify({ greeting, workMs: 12.4 }) },
    metrics: {
        status: 200,
        body: [
            "# HELP http_requests_total HTTP requests handled, by method, route and status code.",
            "# TYPE http_requests_total counter",
            'http_requests_total{method="GET",route="/readyz",code="200"} 41',
            'http_requests_total{method="GET",route="/work",code="200"} 1',
            "",
        ].join("\n"),
    },
};
const secret = { metadata: { name: "greeter-greeting", namespace: "app" }, data: { GREETING: Buffer.from(greeting).toString("base64") } };

describe("e2e check: the app through its Service", () => {
    it("decodes the greeting from the Secret", () => {
        assert.equal(secretValue(secret, "GREETING"), greeting);
        assert.equal(secretValue(secret, "OTHER"), undefined);
    });

    it("passes ready, the configured greeting on /work and the /work request on /metrics", () => {
        assert.deepEqual(checkAppAnswers(healthy, { configured: greeting, inSecret: greeting }, "http_requests_total"), []);
    });

    it("fails a built-in greeting (the Secret did not reach the pod) without printing either greeting", () => {
        const builtIn = { ...healthy, work: { status: 200, body: JSON.stringify({ greeting: "Hello from the platform", workMs: 9 }) } };
        assert.deepEqual(checkAppAnswers(builtIn, { configured: greeting, inSecret: greeting }, "http_requests_total"), [
            `GET /work served greeting "Hello from the platform", expected the configured "${greeting}"`,
        ]);
        assert.deepEqual(checkAppAnswers(healthy, { configured: greeting, inSecret: "something else" }, "http_requests_total"), [
            "the greeting Secret holds a different greeting than the stack configured",
        ]);
    });

    it("fails not-ready, a failed /work and metrics without the /work series", () => {
        const broken: AppAnswers = {
            readyz: { status: 503, body: "starting\n" },
            work: { status: 500, body: '{"error":"simulated failure"}' },
            metrics: { status: 200, body: 'http_requests_total{method="GET",route="/readyz",code="503"} 3\n' },
        };
        assert.deepEqual(checkAppAnswers(broken, { configured: greeting, inSecret: greeting }, "http_requests_total"), [
            "GET /readyz answered 503: starting",
            'GET /work answered 500: {"error":"simulated failure"}',
            'GET /metrics has no http_requests_total series for route="/work"',
        ]);
    });
});
