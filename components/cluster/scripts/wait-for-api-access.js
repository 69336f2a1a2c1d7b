#!/usr/bin/env node
// Waits until the Kubernetes API grants the deploying principal what installing the platform needs. On AKS
// with Azure RBAC a new role assignment takes up to five minutes to take effect, and the first Helm release
// would fail with 403 meanwhile. Asks the API server itself (SelfSubjectAccessReview) every few seconds.
// Env: KUBE_SERVER, KUBE_CA_DATA (base64, optional), KUBE_TOKEN, WAIT_TIMEOUT_SEC (600), WAIT_INTERVAL_SEC (10).
"use strict";
const http = require("node:http");
const https = require("node:https");

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

async function main() {
    const { KUBE_SERVER: server, KUBE_CA_DATA: caData, KUBE_TOKEN: token } = process.env;
    const timeoutSec = Number(process.env.WAIT_TIMEOUT_SEC ?? 600);
    const intervalSec = Number(process.env.WAIT_INTERVAL_SEC ?? 10);
    if (!server || !token) {
        console.error("wait-for-api-access: KUBE_SERVER and KUBE_TOKEN must be set");
        process.exit(2);
    }
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
        const results = await Promise.all(CHECKS.map((check) => review(server, caData, token, check)));
        const waiting = CHECKS.filter((_, index) => !results[index].allowed);
        const elapsed = Math.round((Date.now() - started) / 1000);
        if (waiting.length === 0) {
            console.error(`wait-for-api-access: access confirmed after ${elapsed}s (${attempt} attempt(s))`);
            return;
        }
        const why = waiting.map((check) => `${check.verb} ${check.resource}: ${results[CHECKS.indexOf(check)].reason}`).join("; ");
        if (elapsed + intervalSec > timeoutSec) {
            console.error(`wait-for-api-access: the API server still refuses after ${elapsed}s (${why}). The cluster-admin role assignment has not taken effect; run pulumi up again in a few minutes.`);
            process.exit(1);
        }
        console.error(`wait-for-api-access: attempt ${attempt}, waiting ${intervalSec}s (${why})`);
        await new Promise((resolve) => setTimeout(resolve, intervalSec * 1000));
    }
}

main();
