#!/usr/bin/env node
// Waits until the Kubernetes API grants the deploying principal what installing the platform needs. On AKS
// with Azure RBAC a new role assignment takes up to five minutes to take effect, and the first Helm release
// would fail with 403 meanwhile. Asks the API server itself (SelfSubjectAccessReview) every few seconds.
// The token comes from the kubeconfig's credential plugin (kubelogin), run afresh for each attempt, so no token
// is an input of this command (nothing in state) and none outlives the wait. HTTP 401 means the token itself is
// refused (expired, wrong tenant or audience, wrong login mode): that fails at once, since waiting cannot fix it.
// Env: KUBE_SERVER, KUBE_CA_DATA (base64, optional), KUBE_EXEC (JSON {command, args}), WAIT_TIMEOUT_SEC (600),
// WAIT_INTERVAL_SEC (10).
"use strict";
const http = require("node:http");
const https = require("node:https");
const { spawnSync } = require("node:child_process");

/** What the platform's first resources need: namespaces, and CRDs (the Helm charts install them). */
const CHECKS = [
    { verb: "create", group: "", resource: "namespaces" },
    { verb: "create", group: "apiextensions.k8s.io", resource: "customresourcedefinitions" },
];

function review(server, caData, token, attributes) {
    const url = new URL("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", server);
    const body = JSON.stringify({ apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes: attributes } });
    const client = url.protocol === "https:" ? https : http;
    const options = {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) },
        timeout: 15000,
        ...(caData ? { ca: Buffer.from(caData, "base64") } : {}),
    };
    return new Promise((resolve) => {
        const request = client.request(url, options, (response) => {
            let text = "";
            response.setEncoding("utf8");
            response.on("data", (chunk) => (text += chunk));
            response.on("end", () => {
                if (response.statusCode === 401) return resolve({ allowed: false, unauthorized: true, reason: "HTTP 401 Unauthorized" });
                if (response.statusCode !== 201 && response.statusCode !== 200) return resolve({ allowed: false, reason: `HTTP ${response.statusCode}` });
                try {
                    const status = JSON.parse(text).status ?? {};
                    resolve({ allowed: status.allowed === true, reason: status.reason || (status.allowed ? "allowed" : "not allowed yet") });
                } catch {
                    resolve({ allowed: false, reason: "unreadable SelfSubjectAccessReview response" });
                }
            });
        });
        request.on("timeout", () => request.destroy(new Error("request timed out")));
        request.on("error", (error) => resolve({ allowed: false, reason: error.message }));
        request.end(body);
    });
}

/** Runs the credential plugin the way kubectl does and returns its token, or throws with the plugin's own words. */
function execToken(plugin) {
    const run = spawnSync(plugin.command, plugin.args ?? [], {
        encoding: "utf8",
        timeout: 120000,
        env: { ...process.env, KUBERNETES_EXEC_INFO: JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1beta1", kind: "ExecCredential", spec: { interactive: false } }) },
    });
    if (run.error) throw new Error(`${plugin.command}: ${run.error.message}`);
    if (run.status !== 0) throw new Error(`${plugin.command} exited with ${run.status}: ${(run.stderr || "").trim().split("\n").slice(-3).join(" | ")}`);
    let token;
    try {
        token = JSON.parse(run.stdout).status?.token;
    } catch {
        token = undefined;
    }
    if (!token) throw new Error(`${plugin.command}: printed no ExecCredential with status.token`);
    return token;
}

function fail(message) {
    console.error(`wait-for-api-access: ${message}`);
    process.exit(1);
}

async function main() {
    const { KUBE_SERVER: server, KUBE_CA_DATA: caData, KUBE_EXEC: exec } = process.env;
    const timeoutSec = Number(process.env.WAIT_TIMEOUT_SEC ?? 600);
    const intervalSec = Number(process.env.WAIT_INTERVAL_SEC ?? 10);
    if (!server || !exec) {
        console.error("wait-for-api-access: KUBE_SERVER and KUBE_EXEC must be set");
        process.exit(2);
    }
    const plugin = JSON.parse(exec);
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
        let token;
        try {
            token = execToken(plugin);
        } catch (error) {
            fail(`could not get a token from the credential plugin: ${error.message}. Check kubelogin is installed (scripts/install-kubelogin.cjs) and AAD_LOGIN_METHOD names a login this runner has (azurecli after az login, workloadidentity in CI).`);
        }
        const results = await Promise.all(CHECKS.map((check) => review(server, caData, token, check)));
        if (results.some((result) => result.unauthorized)) {
            fail("the API server refused the token (HTTP 401): it is expired, for another tenant or audience, or from the wrong login. Waiting cannot fix that; log in again (az login, or a fresh OIDC token in CI) and re-run.");
        }
        const waiting = CHECKS.filter((_, index) => !results[index].allowed);
        const elapsed = Math.round((Date.now() - started) / 1000);
        if (waiting.length === 0) {
            console.error(`wait-for-api-access: access confirmed after ${elapsed}s (${attempt} attempt(s))`);
            return;
        }
        const why = waiting.map((check) => `${check.verb} ${check.resource}: ${results[CHECKS.indexOf(check)].reason}`).join("; ");
        if (elapsed + intervalSec > timeoutSec) {
            fail(`the API server still refuses after ${elapsed}s (${why}). The cluster-admin role assignment has not taken effect; run pulumi up again in a few minutes.`);
        }
        console.error(`wait-for-api-access: attempt ${attempt}, waiting ${intervalSec}s (${why})`);
        await new Promise((resolve) => setTimeout(resolve, intervalSec * 1000));
    }
}

main();
