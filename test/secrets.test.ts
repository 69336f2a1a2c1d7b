// Where secret values may go, over the synth of every stack with marker values in the secret config:
// only into Kubernetes Secrets and Key Vault secrets, always as Pulumi secrets, never into a ConfigMap,
// a Deployment, an Argo CD object, Helm values, a rendered manifest or a plain stack output.
import { strict as assert } from "node:assert";
import { isRpcSecret, specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import { platformProgram } from "../program";
import { redactSecrets, revealSecrets, synthesize, type SynthResult } from "../synth";
import { PROJECT } from "../stacks";
import { offlineConfig, plainStackConfig } from "../synth";
import { MARKER_VALUES, SECRET_MARKERS, STACKS, synthOnce } from "./support/stacks";

/** The only resource types a secret value may reach. */
const SECRET_HOLDERS = new Set(["kubernetes:core/v1:Secret", "azure-native:keyvault:Secret"]);

function markersIn(value: unknown): string[] {
    const text = JSON.stringify(value);
    return MARKER_VALUES.filter((marker) => text.includes(marker));
}

function assertSecretsContained(result: SynthResult, label: string): string[] {
    const holders: string[] = [];
    for (const resource of result.resources) {
        const present = markersIn(revealSecrets(resource.inputs));
        if (present.length === 0) continue;
        assert.ok(SECRET_HOLDERS.has(resource.type), `${label}: a secret reached ${resource.type} ${resource.name}`);
        assert.deepEqual(markersIn(redactSecrets(resource.inputs)), [], `${label}: ${resource.name} holds a secret outside a Pulumi secret`);
        holders.push(`${resource.type} ${resource.name}`);
    }
    assert.deepEqual(markersIn(redactSecrets(result.outputs)), [], `${label}: a secret in a plain stack output`);
    return holders;
}

/** Dotted paths of every secret inside a value ("" when the value itself is secret). */
function secretLeaves(value: unknown, at = ""): string[] {
    if (isRpcSecret(value)) return [at];
    if (value === null || typeof value !== "object") return [];
    return Object.entries(value).flatMap(([key, item]) => secretLeaves(item, at ? `${at}.${key}` : key));
}

describe("secrets stay secret", () => {
    for (const stack of STACKS) {
        it(`${stack}: the greeting reaches only its Secret (kind) or Key Vault secret (AKS), the receiver URL only its Secret, as Pulumi secrets`, async () => {
            const holders = assertSecretsContained(await synthOnce(stack), stack);
            const greeting = stack === "dev" ? "kubernetes:core/v1:Secret app-greeting" : "azure-native:keyvault:Secret platform-secrets-store-key-vault-greeting";
            // staging sends its alerts to chat and prod pages a person: their destinations are in use; dev has none.
            const { ticketReceiver, pageReceiver, heartbeatReceiver } = plainStackConfig(stack).monitoring;
            const inUse = [ticketReceiver, pageReceiver, heartbeatReceiver].some((receiver) => receiver !== "none");
            const receiver = inUse ? ["kubernetes:core/v1:Secret platform-monitoring-alert-receiver"] : [];
            assert.deepEqual(holders.sort(), [greeting, ...receiver].sort());
        });
    }

    it("every Helm release on every stack: values are never secret as a whole, and a secret leaf is masked alone", async () => {
        for (const stack of STACKS) {
            const releases = (await synthOnce(stack)).resources.filter((r) => r.type === "kubernetes:helm.sh/v3:Release");
            assert.ok(releases.length >= 2, `${stack}: releases found`);
            for (const release of releases) {
                assert.ok(!isRpcSecret(release.inputs.values), `${stack}: ${release.name} values are wholly secret, so a reviewer sees nothing`);
                // Any secret inside stays a leaf: the values around it are plain.
                const leaves = secretLeaves(release.inputs.values);
                for (const leaf of leaves) assert.ok(leaf.length > 0, `${stack}: ${release.name}: secret at the values root`);
                assert.deepEqual(markersIn(redactSecrets(release.inputs.values)), [], `${stack}: ${release.name} carries a secret in plain text`);
            }
        }
        // The writer masks exactly the secret leaf of a release's values and keeps the rest readable.
        const leaf = { [specialSigKey]: specialSecretSig, value: "MARKER" };
        const release = { ha: true, auth: { token: leaf, user: "admin" } };
        assert.deepEqual(secretLeaves(release), ["auth.token"]);
        assert.deepEqual(redactSecrets(release), { ha: true, auth: { token: "[secret]", user: "admin" } });
    });

    it("generated admin passwords: plaintext only in Grafana's Secret, Argo CD gets the bcrypt hash, both as secrets", async () => {
        for (const stack of STACKS) {
            const result = await synthOnce(stack);
            // Under synth the RandomPassword results are `synth-random-<name>` and the hashes `$2a$10$synthbcrypthash.<name>`.
            const plaintext = (r: unknown) => /synth-random-platform-(argocd|monitoring)/.test(JSON.stringify(r));
            const withPlaintext = result.resources.filter((r) => r.type !== "random:index/randomPassword:RandomPassword" && plaintext(revealSecrets(r.inputs)));
            assert.deepEqual(withPlaintext.map((r) => r.name), ["platform-monitoring-grafana-admin"], `${stack}: where the plaintext goes`);
            const argocd = result.resources.find((r) => r.name === "platform-argocd-secret");
            assert.match(JSON.stringify(revealSecrets(argocd?.inputs)), /synthbcrypthash\.platform-argocd-admin-password/);
            for (const resource of result.resources) {
                assert.ok(!/synth-random-|synthbcrypthash/.test(JSON.stringify(redactSecrets(resource.inputs))), `${stack}: ${resource.name} holds a credential outside a Pulumi secret`);
            }
            assert.ok(!/synth-random-|synthbcrypthash/.test(JSON.stringify(redactSecrets(result.outputs))), `${stack}: a credential in a plain output`);
        }
    });

    it("prod with webhook tickets and Opsgenie pages: each destination reaches only the Kubernetes Secret, never the Helm values", async () => {
        const { config, secretKeys } = offlineConfig("prod", SECRET_MARKERS);
        const result = await synthesize({
            project: PROJECT,
            stack: "prod",
            config: { ...config, [`${PROJECT}:monitoring`]: { ticketReceiver: "webhook", pageReceiver: "opsgenie" } },
            secretKeys,
            program: platformProgram,
        });
        const holders = assertSecretsContained(result, "prod+webhook+opsgenie");
        for (const key of ["platform:alertmanagerWebhookUrl", "platform:alertmanagerPageKey", "platform:alertmanagerHeartbeatUrl"] as const) {
            const found = result.resources.filter((r) => JSON.stringify(revealSecrets(r.inputs)).includes(SECRET_MARKERS[key]));
            assert.deepEqual(found.map((r) => `${r.type} ${r.name}`), ["kubernetes:core/v1:Secret platform-monitoring-alert-receiver"], `${key} is in exactly that Secret: ${holders.join(", ")}`);
        }
    });
});
