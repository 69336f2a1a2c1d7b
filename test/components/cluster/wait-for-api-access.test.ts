// The RBAC-propagation wait, run for real as `node <script>` against a loopback stand-in for the API server
// that refuses a few times and then allows, as a new Azure RBAC assignment does while it propagates. The token
// comes from a stand-in credential plugin that prints a new ExecCredential on every call, as kubelogin does.
import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

const SCRIPT = path.join(__dirname, "..", "..", "..", "components", "cluster", "scripts", "wait-for-api-access.js");

interface Review {
    spec: { resourceAttributes: { verb: string; resource: string } };
}

/** A stand-in for kubelogin: prints an ExecCredential whose token counts the calls (token-1, token-2, ...). */
function fakePlugin(): { exec: string; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-kubelogin-"));
    const script = path.join(dir, "plugin.js");
    fs.writeFileSync(
        script,
        [
            'const fs = require("node:fs");',
            `const counter = ${JSON.stringify(path.join(dir, "calls"))};`,
            'const calls = (fs.existsSync(counter) ? Number(fs.readFileSync(counter, "utf8")) : 0) + 1;',
            "fs.writeFileSync(counter, String(calls));",
            'if (!JSON.parse(process.env.KUBERNETES_EXEC_INFO).kind) process.exit(3);',
            'process.stdout.write(JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1beta1", kind: "ExecCredential", status: { token: `token-${calls}` } }));',
        ].join("\n"),
    );
    return { exec: JSON.stringify({ command: process.execPath, args: [script] }), dir };
}

/** A fake API server: answers SelfSubjectAccessReviews, allowing only from the `allowFrom`-th round on. */
async function fakeApiServer(allowFrom: number, status = 201): Promise<{ url: string; reviews: Review[]; tokens: string[]; close: () => Promise<void> }> {
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
            response.writeHead(status, { "Content-Type": "application/json" });
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
    it("retries while the grant propagates and succeeds once the API server allows, with a fresh token per attempt", async () => {
        const api = await fakeApiServer(3);
        const plugin = fakePlugin();
        try {
            const { code, stderr } = await runScript({ KUBE_SERVER: api.url, KUBE_EXEC: plugin.exec, WAIT_TIMEOUT_SEC: "20", WAIT_INTERVAL_SEC: "0.2" });
            assert.equal(code, 0, stderr);
            assert.match(stderr, /access confirmed after \d+s \(3 attempt\(s\)\)/);
            assert.deepEqual(
                api.reviews.slice(0, 2).map((r) => `${r.spec.resourceAttributes.verb} ${r.spec.resourceAttributes.resource}`),
                ["create namespaces", "create customresourcedefinitions"],
            );
            assert.deepEqual(api.tokens, ["Bearer token-1", "Bearer token-1", "Bearer token-2", "Bearer token-2", "Bearer token-3", "Bearer token-3"]);
        } finally {
            await api.close();
            fs.rmSync(plugin.dir, { recursive: true, force: true });
        }
    });

    it("gives up at its bound with a message that says what to do", async () => {
        const api = await fakeApiServer(Number.POSITIVE_INFINITY);
        const plugin = fakePlugin();
        try {
            const started = Date.now();
            const { code, stderr } = await runScript({ KUBE_SERVER: api.url, KUBE_EXEC: plugin.exec, WAIT_TIMEOUT_SEC: "1", WAIT_INTERVAL_SEC: "0.3" });
            assert.equal(code, 1);
            assert.ok(Date.now() - started < 5000, "bounded by WAIT_TIMEOUT_SEC");
            assert.match(stderr, /role assignment has not taken effect; run pulumi up again/);
            assert.doesNotMatch(stderr, /token-\d/, "the token is never printed");
        } finally {
            await api.close();
            fs.rmSync(plugin.dir, { recursive: true, force: true });
        }
    });

    it("fails at once on HTTP 401: a refused token is not a grant still propagating", async () => {
        const api = await fakeApiServer(1, 401);
        const plugin = fakePlugin();
        try {
            const started = Date.now();
            const { code, stderr } = await runScript({ KUBE_SERVER: api.url, KUBE_EXEC: plugin.exec, WAIT_TIMEOUT_SEC: "600", WAIT_INTERVAL_SEC: "10" });
            assert.equal(code, 1);
            assert.ok(Date.now() - started < 5000, "no waiting on a 401");
            assert.equal(api.reviews.length, 2, "one round of reviews, then stop");
            assert.match(stderr, /refused the token \(HTTP 401\): it is expired/);
            assert.doesNotMatch(stderr, /attempt 1, waiting/);
        } finally {
            await api.close();
            fs.rmSync(plugin.dir, { recursive: true, force: true });
        }
    });

    it("fails at once, with the plugin's words, when the credential plugin cannot log in", async () => {
        const api = await fakeApiServer(1);
        try {
            const failing = JSON.stringify({ command: process.execPath, args: ["-e", 'console.error("AADSTS700024: Client assertion is not within its valid time range"); process.exit(1)'] });
            const { code, stderr } = await runScript({ KUBE_SERVER: api.url, KUBE_EXEC: failing, WAIT_TIMEOUT_SEC: "600" });
            assert.equal(code, 1);
            assert.match(stderr, /could not get a token from the credential plugin: .* exited with 1: AADSTS700024/);
            assert.equal(api.reviews.length, 0);
        } finally {
            await api.close();
        }
    });

    it("refuses to start without a server or credential plugin", async () => {
        const { code, stderr } = await runScript({});
        assert.equal(code, 2);
        assert.match(stderr, /KUBE_SERVER and KUBE_EXEC must be set/);
    });
});
