// Every cross-field rule and every secret rule of stacks/, run through the real program under synth: the
// program stops with one message naming the key, the bad value and what is allowed, before it registers
// a single resource (the property test covers single-key schema errors the same way).
import { strict as assert } from "node:assert";
import { platformProgram } from "../../program";
import { StackConfigError } from "../../stacks";
import { synthesize, SynthError } from "../../synth";
import { offlineConfig } from "../../synth";

interface Case {
    rule: string;
    stack: "dev" | "staging" | "prod";
    /** Overrides merged over the committed stack's config, keyed without the `platform:` prefix. */
    values: Record<string, unknown>;
    /** Secret keys set (encrypted) or set in plain text, beyond the committed stack's. */
    secrets?: Record<string, "secret" | "plain">;
    /** The case's secrets all hold one value (instead of one each). */
    sameValue?: boolean;
    expected: string;
}

const GITOPS = { repoUrl: "https://github.com/o/r.git", targetRevision: "main" };

const CASES: Case[] = [
    { rule: "autoscaler range", stack: "dev", values: { app: { minReplicas: 3, maxReplicas: 2 } }, expected: "app.maxReplicas = 2: must be at least app.minReplicas (3)" },
    { rule: "memory limit below request", stack: "dev", values: { app: { memoryRequestMiB: 256, memoryLimitMiB: 128 } }, expected: "app.memoryLimitMiB = 128: must be at least app.memoryRequestMiB (256)" },
    { rule: "node autoscaler range", stack: "staging", values: { cluster: { userPool: { minCount: 4, maxCount: 2 } } }, expected: "cluster.userPool.maxCount = 2: must be at least cluster.userPool.minCount (4)" },
    { rule: "a system node per zone", stack: "prod", values: { cluster: { systemPool: { nodeCount: 2 } } }, expected: "cluster.systemPool.nodeCount = 2: must be at least the number of zones (3)" },
    { rule: "localhost image needs a local build", stack: "dev", values: { app: { buildLocally: false } }, expected: 'app.image = "localhost/platform-app:0.1.0": a localhost/ image exists only when app.buildLocally is true' },
    {
        rule: "AKS names the principal it grants cluster admin",
        stack: "dev",
        values: { cluster: { kind: "aks", location: "westeurope" }, app: { buildLocally: false, image: "ghcr.io/o/app:1.0.0" } },
        expected: "cluster.deployerPrincipalId = (missing): required on AKS",
    },
    { rule: "local builds only on kind", stack: "staging", values: { app: { buildLocally: true } }, expected: 'app.buildLocally = true: only allowed when cluster.kind is "kind"' },
    { rule: "gitops needs a repository", stack: "dev", values: { app: { delivery: "gitops" } }, expected: 'app.gitops = (missing): required when app.delivery is "gitops"' },
    { rule: "a receiver needs its URL", stack: "dev", values: { monitoring: { ticketReceiver: "webhook" } }, expected: 'alertmanagerWebhookUrl = (missing): required when monitoring.ticketReceiver is "webhook"' },
    { rule: "a pager needs its key", stack: "dev", values: { monitoring: { pageReceiver: "pagerduty" } }, expected: 'alertmanagerPageKey = (missing): required when monitoring.pageReceiver is "pagerduty"' },
    { rule: "slack needs a channel", stack: "dev", values: { monitoring: { ticketReceiver: "slack" } }, secrets: { alertmanagerWebhookUrl: "secret" }, expected: 'monitoring.slackChannel = (missing): required when monitoring.ticketReceiver is "slack"' },
    { rule: "prod pages a person", stack: "prod", values: { monitoring: { pageReceiver: "none" } }, expected: 'monitoring.pageReceiver = "none": a prod stack must page a person' },
    { rule: "prod has a dead man's switch", stack: "prod", values: { monitoring: { heartbeatReceiver: "none" } }, expected: `monitoring.heartbeatReceiver = "none": a prod stack needs a dead man's switch` },
    {
        rule: "prod pages and tickets go to different destinations",
        stack: "prod",
        values: { monitoring: { pageReceiver: "webhook", ticketReceiver: "webhook" } },
        secrets: { alertmanagerWebhookUrl: "secret", alertmanagerPageKey: "secret" },
        sameValue: true,
        expected: "alertmanagerWebhookUrl = (same value as alertmanagerPageKey): a prod stack must send pages, tickets and heartbeats to different destinations",
    },
    { rule: "the fast page can fire", stack: "dev", values: { app: { sloTarget: 0.92 } }, expected: "app.sloTarget = 0.92: must be at least 0.9306" },
    { rule: "latency targets are bucket boundaries", stack: "prod", values: { app: { latencyP99TargetMs: 300 } }, expected: "app.latencyP99TargetMs = 300: must be a bucket boundary of the service's latency histogram" },
    { rule: "a channel owns the version", stack: "prod", values: { cluster: { kubernetesVersion: "1.36" } }, expected: 'cluster.kubernetesVersion = "1.36": must be unset when cluster.upgradeChannel is "stable"' },
    // 1.33 left AKS community support on 2026-07-31 (AKS release calendar); creating it then needs LTS on Premium.
    {
        rule: "a pinned minor is in community support",
        stack: "staging",
        values: { cluster: { upgradeChannel: "patch", kubernetesVersion: "1.33" } },
        expected: 'cluster.kubernetesVersion = "1.33": Kubernetes 1.33 left AKS community support on 2026-07-31; must be one of the supported minors',
    },
    // Upstream ended 1.33 on 2026-06-28 (kubernetes.io/releases/1.33).
    {
        rule: "the kind node image's minor is in upstream support",
        stack: "dev",
        values: { cluster: { nodeImage: "kindest/node:v1.33.1" } },
        expected: 'cluster.nodeImage = "kindest/node:v1.33.1": Kubernetes 1.33 left upstream support on 2026-06-28; must be one of the supported minors',
    },
    { rule: "local accounts off needs an admin group", stack: "prod", values: { cluster: { adminGroupObjectIds: [] } }, expected: "cluster.adminGroupObjectIds = []: must name at least one Entra ID group when cluster.disableLocalAccounts is true" },
    { rule: "Argo CD HA needs two of each", stack: "staging", values: { argocd: { ha: true } }, expected: "argocd.serverReplicas = 1: must be at least 2 when argocd.ha is true" },
    { rule: "private image needs a user", stack: "staging", values: { app: { imagePull: "private", gitops: GITOPS } }, secrets: { registryPassword: "secret" }, expected: 'app.registryUsername = (missing): required when app.imagePull is "private"' },
    { rule: "private image needs a password", stack: "dev", values: { app: { imagePull: "private", registryUsername: "bot" } }, expected: 'registryPassword = (missing): required when app.imagePull is "private"' },
    { rule: "private repository needs a token", stack: "dev", values: { app: { delivery: "gitops", gitops: { ...GITOPS, repoAccess: "private" } } }, expected: 'gitopsRepoToken = (missing): required when app.gitops.repoAccess is "private"' },
    { rule: "secrets arrive encrypted", stack: "dev", values: {}, secrets: { greeting: "plain" }, expected: "greeting = (plain text): secret config must be encrypted" },
    { rule: "VM sizes have Azure's form", stack: "staging", values: { cluster: { userPool: { vmSize: "banana" } } }, expected: 'cluster.userPool.vmSize = "banana": must be an Azure VM size such as Standard_D4ds_v5' },
];

function merge(base: unknown, override: unknown): unknown {
    if (typeof base !== "object" || base === null || Array.isArray(base) || typeof override !== "object" || override === null || Array.isArray(override)) return override;
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [key, value] of Object.entries(override)) out[key] = merge(out[key], value);
    return out;
}

async function failureOf(c: Case): Promise<SynthError> {
    const { config, secretKeys } = offlineConfig(c.stack, { "platform:alertmanagerWebhookUrl": "https://hooks.example.invalid/x" });
    const values = { ...config };
    for (const [key, value] of Object.entries(c.values)) values[`platform:${key}`] = merge(values[`platform:${key}`], value);
    const keys = new Set(secretKeys);
    if (!(c.stack === "prod" && c.rule !== "prod pages a person")) {
        // Only prod pages by default; elsewhere the receiver URL is unset unless a case sets it.
        delete values["platform:alertmanagerWebhookUrl"];
        keys.delete("platform:alertmanagerWebhookUrl");
    }
    for (const [key, state] of Object.entries(c.secrets ?? {})) {
        values[`platform:${key}`] = c.sameValue ? "value-of-shared" : `value-of-${key}`;
        if (state === "secret") keys.add(`platform:${key}`);
        else keys.delete(`platform:${key}`);
    }
    try {
        await synthesize({ project: "platform", stack: c.stack, config: values, secretKeys: [...keys], program: platformProgram });
    } catch (error) {
        assert.ok(error instanceof SynthError, String(error));
        return error;
    }
    assert.fail(`${c.rule}: the program accepted the config`);
}

describe("stacks: every rule stops the program before any resource", () => {
    for (const c of CASES) {
        it(`${c.rule} (${c.stack})`, async () => {
            const failure = await failureOf(c);
            assert.ok(failure.cause instanceof StackConfigError, String(failure.cause));
            assert.ok(
                failure.cause.problems.some((problem) => problem.startsWith(c.expected)),
                `expected a problem starting with:\n  ${c.expected}\ngot:\n  ${failure.cause.problems.join("\n  ")}`,
            );
            assert.deepEqual(failure.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => `${r.type} ${r.name}`), []);
            assert.doesNotMatch(failure.message, /value-of-|hooks\.example\.invalid/, "no secret value in the message");
        });
    }

    it("accepts Azure VM size names of every common shape", async () => {
        for (const vmSize of ["Standard_D4ds_v5", "Standard_B2s", "Standard_E4-2ds_v5", "Standard_NC24ads_A100_v4", "Standard_DS2_v2", "Standard_D2pls_v5"]) {
            const { config, secretKeys } = offlineConfig("staging");
            const values = { ...config, "platform:cluster": { ...(config["platform:cluster"] as object), userPool: { vmSize }, systemPool: { vmSize } } };
            await assert.doesNotReject(synthesize({ project: "platform", stack: "staging", config: values, secretKeys, program: platformProgram }), vmSize);
        }
    });
});
