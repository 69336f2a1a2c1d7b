// More than one run: staging and prod synthesized twice, by two runner identities (the deploy app and the preview
// app) holding two different tokens, register the same inputs; written out with the writer and compared with the
// same `diff -ruN` that `npm run synth -- --diff` uses, they show no change. And nothing a run registers, which
// Pulumi keeps in state for every identity with Stack Read to decrypt, is credential-shaped.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { diffOutTrees, revealSecrets, synthStack, synthUuid, writeSynth, type SynthResult, type SynthRunner } from "../../synth";
import { SECRET_MARKERS } from "../support/stacks";

const DEPLOY_RUN: SynthRunner = { objectId: synthUuid("steady/deploy-app"), clientId: synthUuid("steady/deploy-client"), token: "eyJhbGciOiJSUzI1NiJ9.deploy-run-token.sig1" };
const PREVIEW_RUN: SynthRunner = { objectId: synthUuid("steady/preview-app"), clientId: synthUuid("steady/preview-client"), token: "eyJhbGciOiJSUzI1NiJ9.preview-run-token.sig2" };

const DEPLOYED = ["staging", "prod"] as const;

const runs = new Map<string, Promise<SynthResult>>();
function synthAs(stack: string, runner: SynthRunner): Promise<SynthResult> {
    const key = `${stack}/${runner.objectId}`;
    if (!runs.has(key)) runs.set(key, synthStack(stack, SECRET_MARKERS, undefined, undefined, runner));
    return runs.get(key)!;
}

/** Every registered resource's inputs and the options that decide replacement, secrets unwrapped. */
function engineInputs(result: SynthResult): Record<string, unknown> {
    return Object.fromEntries(result.resources.map((r) => [r.urn, { inputs: revealSecrets(r.inputs), options: r.options }]));
}

/** Paths to string values (any depth) of `value`. */
function strings(value: unknown, at: string[] = []): Array<{ at: string; text: string }> {
    if (typeof value === "string") return [{ at: at.join("."), text: value }];
    if (Array.isArray(value)) return value.flatMap((item, index) => strings(item, [...at, String(index)]));
    if (value !== null && typeof value === "object") return Object.entries(value).flatMap(([key, item]) => strings(item, [...at, key]));
    return [];
}

/** Credential shapes: a JWT, a kubeconfig token / key / password, a connection string, a PEM private key. */
const CREDENTIAL_SHAPES: Array<[string, RegExp]> = [
    ["JWT bearer token", /eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*/],
    ["kubeconfig token", /^\s*(token|id-token|refresh-token)\s*:/m],
    ["client key", /client-key(-data)?\s*:|-----BEGIN [A-Z ]*PRIVATE KEY-----/],
    ["kubeconfig password", /^\s*password\s*:/m],
    ["connection string", /(AccountKey|SharedAccessKey|Password)=[^;\s]+/i],
    ["the runner's token", new RegExp(`${DEPLOY_RUN.token}|${PREVIEW_RUN.token}`.replace(/\./g, "\\."))],
];

function credentialFindings(result: SynthResult): string[] {
    const findings: string[] = [];
    for (const resource of result.resources) {
        for (const { at, text } of strings(revealSecrets(resource.inputs))) {
            for (const [shape, pattern] of CREDENTIAL_SHAPES) if (pattern.test(text)) findings.push(`${resource.type} ${resource.name} ${at}: ${shape}`);
        }
    }
    return findings;
}

describe("synth: steady state across runs and identities", () => {
    for (const stack of DEPLOYED) {
        it(`${stack}: the deploy and the preview identity, with different tokens, register identical inputs`, async () => {
            const [deploy, preview] = await Promise.all([synthAs(stack, DEPLOY_RUN), synthAs(stack, PREVIEW_RUN)]);
            assert.ok(deploy.resources.length > 40, "the whole program ran");
            for (const name of ["cluster-provider", "cluster-deployer-admin", "cluster-wait-for-api-access"]) assert.ok(deploy.resources.some((r) => r.name === name), name);
            assert.deepEqual(engineInputs(preview), engineInputs(deploy));
        });

        it(`${stack}: npm run synth -- --diff's comparison of the two runs shows no change`, async () => {
            const [deploy, preview] = await Promise.all([synthAs(stack, DEPLOY_RUN), synthAs(stack, PREVIEW_RUN)]);
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "steady-state-"));
            try {
                writeSynth(deploy, path.join(dir, "deploy-run"));
                writeSynth(preview, path.join(dir, "preview-run"));
                assert.ok(fs.readdirSync(path.join(dir, "deploy-run", stack, "azure")).length > 5);
                assert.equal(diffOutTrees(dir, "deploy-run", "preview-run"), "");
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it(`${stack}: no stored input is credential-shaped (token, client key, password, connection string)`, async () => {
            const result = await synthAs(stack, DEPLOY_RUN);
            assert.deepEqual(credentialFindings(result), []);
        });

        it(`${stack}: the runner's identity does not reach any input (grants name the configured principal)`, async () => {
            const result = await synthAs(stack, DEPLOY_RUN);
            const everything = JSON.stringify(result.resources.map((r) => revealSecrets(r.inputs)));
            for (const value of [DEPLOY_RUN.objectId, DEPLOY_RUN.clientId]) assert.ok(!everything.includes(value), value);
        });
    }

    it("the comparison and the credential check catch what they are for", () => {
        // A planted difference: the same result with one input changed is not identical.
        const base = { stack: "x", resources: [{ urn: "u", type: "t", name: "n", parent: "", custom: true, inputs: { kubeconfig: "users: [{name: a, user: {token: abc}}]\n" }, options: {} as never }], outputs: {}, warnings: [], invokes: [] };
        const changed = { ...base, resources: [{ ...base.resources[0], inputs: { kubeconfig: "users: [{name: a, user: {token: xyz}}]\n" } }] };
        assert.notDeepEqual(engineInputs(changed), engineInputs(base));
        const bearer = { ...base, resources: [{ ...base.resources[0], inputs: { kubeconfig: "users:\n- name: a\n  user:\n    token: abc\n", header: "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig" } }] };
        assert.deepEqual(credentialFindings(bearer).sort(), ["t n header: JWT bearer token", "t n kubeconfig: kubeconfig token"]);
        const key = { ...base, resources: [{ ...base.resources[0], inputs: { kubeconfig: "users:\n- name: a\n  user:\n    client-key-data: LS0t\n" } }] };
        assert.deepEqual(credentialFindings(key), ["t n kubeconfig: client key"]);
    });
});
