// The RBAC-propagation wait, run for real as `node <script>` against a loopback stand-in for the API server
// that refuses a few times and then allows, as a new Azure RBAC assignment does while it propagates.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

const SCRIPT = path.join(__dirname, "..", "..", "..", "components", "cluster", "scripts", "wait-for-api-access.js");

interface Review {
    spec: { resourceAttributes: { verb: string; resource: string } };
}

/** A fake API server: answers SelfSubjectAccessReviews, allowing only from the `allowFrom`-th round on. */
async function fakeApiServer(allowFrom: number): Promise<{ url: string; reviews: Review[]; tokens: string[]; close: () => Promise<void> }> {
    const reviews: Review[] = [];
    const tokens: string[] = [];
    const server = http.createServer((request, response) => {
        let body = "";
        request.on("data", (chunk: Buffer) => (body += chunk.toString()));
        request.on("end", () => {
            assert.equal(request.url, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
            tokens.push(String(request.headers.authorization));
            const review = JSON.parse(body) as Review;
            reviews.push(review);
            const round = Math.ceil(reviews.length / 2);
            response.writeHead(201, { "Content-Type": "application/json" });
            response.end(JSON.stringify({ ...review, status: { allowed: round >= allowFrom, reason: round >= allowFrom ? "azure rbac" : "" } }));
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, reviews, tokens, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function runScript(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [SCRIPT], { env: { PATH: process.env.PATH ?? "", ...env } });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("close", (code) => resolve({ code, stderr }));
    });
}

describe("components/cluster/scripts/wait-for-api-access.js", () => {
    it("retries while the grant propagates and succeeds once the API server allows", async () => {
        const api = await fakeApiServer(3);
        try {
            const { code, stderr } = await runScript({ KUBE_SERVER: api.url, KUBE_TOKEN: "t0ken", WAIT_TIMEOUT_SEC: "20", WAIT_INTERVAL_SEC: "0.2" });
            assert.equal(code, 0, stderr);
            assert.match(stderr, /access confirmed after \d+s \(3 attempt\(s\)\)/);
            assert.deepEqual(
                api.reviews.slice(0, 2).map((r) => `${r.spec.resourceAttributes.verb} ${r.spec.resourceAttributes.resource}`),
                ["create namespaces", "create customresourcedefinitions"],
            );
            assert.ok(api.tokens.every((token) => token === "Bearer t0ken"));
        } finally {
            await api.close();
        }
    });

    it("gives up at its bound with a message that says what to do", async () => {
        const api = await fakeApiServer(Number.POSITIVE_INFINITY);
        try {
            const started = Date.now();
            const { code, stderr } = await runScript({ KUBE_SERVER: api.url, KUBE_TOKEN: "t0ken", WAIT_TIMEOUT_SEC: "1", WAIT_INTERVAL_SEC: "0.3" });
            assert.equal(code, 1);
            assert.ok(Date.now() - started < 5000, "bounded by WAIT_TIMEOUT_SEC");
            assert.match(stderr, /role assignment has not taken effect; run pulumi up again/);
            assert.doesNotMatch(stderr, /t0ken/, "the token is never printed");
        } finally {
            await api.close();
        }
    });

    it("refuses to start without a server or token", async () => {
        const { code, stderr } = await runScript({});
        assert.equal(code, 2);
        assert.match(stderr, /KUBE_SERVER and KUBE_TOKEN must be set/);
    });
});
