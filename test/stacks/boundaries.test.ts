// Both sides of every cross-field rule of stacks/: the boundary value is accepted and the value just past it
// is refused. A rule tested only on its failing side survives a `>` turned into `>=` (or a channel added to
// a list), which would refuse a valid stack such as minReplicas = maxReplicas.
import { strict as assert } from "node:assert";
import { resolveStackConfig, StackConfigError, type SecretPresence } from "../../stacks";

const GROUP = "3f1c2a4e-0000-4000-8000-000000000001";
const DEPLOYER = "3f1c2a4e-0000-4000-8000-000000000002";
const GITOPS = { repoUrl: "https://github.com/o/r.git", targetRevision: "main" };
const secrets: SecretPresence = { greeting: "secret", alertmanagerWebhookUrl: "secret", alertmanagerPageKey: "secret", alertmanagerHeartbeatUrl: "secret", registryPassword: "unset", gitopsRepoToken: "unset" };

/** Overrides on top of each committed preset that make it valid on its own (as the stack files do). */
const VALID: Record<string, Record<string, unknown>> = {
    dev: {},
    staging: { app: { gitops: GITOPS }, cluster: { deployerPrincipalId: DEPLOYER } },
    prod: { app: { gitops: GITOPS }, cluster: { adminGroupObjectIds: [GROUP], deployerPrincipalId: DEPLOYER } },
};

function deepMerge(base: unknown, override: unknown): unknown {
    if (typeof base !== "object" || base === null || Array.isArray(base) || typeof override !== "object" || override === null || Array.isArray(override)) return override;
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [key, value] of Object.entries(override)) out[key] = deepMerge(out[key], value);
    return out;
}

/** The problems `resolveStackConfig` reports for a preset plus overrides; [] when it accepts the stack. */
function problemsOf(stack: "dev" | "staging" | "prod", values: Record<string, unknown>): string[] {
    try {
        // A fixed day keeps the pinned minor below in support whatever the date (its own rule is tested in rules.test.ts).
        resolveStackConfig({ stackName: stack, values: deepMerge(VALID[stack], values) as Record<string, unknown>, secrets, today: new Date("2026-12-04") });
        return [];
    } catch (error) {
        assert.ok(error instanceof StackConfigError, String(error));
        return error.problems;
    }
}

interface Boundary {
    rule: string;
    stack: "dev" | "staging" | "prod";
    /** The value on the boundary: allowed. */
    accepted: Record<string, unknown>;
    /** One step past the boundary: refused with a problem starting with `refusedWith`. */
    refused: Record<string, unknown>;
    refusedWith: string;
}

const BOUNDARIES: Boundary[] = [
    {
        rule: "autoscaler range: min = max is a fixed size, not an empty range",
        stack: "dev",
        accepted: { app: { minReplicas: 2, maxReplicas: 2 } },
        refused: { app: { minReplicas: 3, maxReplicas: 2 } },
        refusedWith: "app.maxReplicas = 2: must be at least app.minReplicas (3)",
    },
    {
        rule: "memory: a limit equal to the request is Guaranteed-style, allowed",
        stack: "dev",
        accepted: { app: { memoryRequestMiB: 128, memoryLimitMiB: 128 } },
        refused: { app: { memoryRequestMiB: 128, memoryLimitMiB: 127 } },
        refusedWith: "app.memoryLimitMiB = 127: must be at least app.memoryRequestMiB (128)",
    },
    {
        rule: "node autoscaler range: min = max",
        stack: "staging",
        accepted: { cluster: { userPool: { minCount: 2, maxCount: 2 } } },
        refused: { cluster: { userPool: { minCount: 3, maxCount: 2 } } },
        refusedWith: "cluster.userPool.maxCount = 2: must be at least cluster.userPool.minCount (3)",
    },
    {
        rule: "a system node per zone: as many nodes as zones",
        stack: "prod",
        accepted: { cluster: { systemPool: { nodeCount: 3, zones: ["1", "2", "3"] } } },
        refused: { cluster: { systemPool: { nodeCount: 2, zones: ["1", "2", "3"] } } },
        refusedWith: "cluster.systemPool.nodeCount = 2: must be at least the number of zones (3)",
    },
    {
        rule: "a system node per zone: one zone needs no second node",
        stack: "staging",
        accepted: { cluster: { systemPool: { nodeCount: 1, zones: ["1"] } } },
        refused: { cluster: { systemPool: { nodeCount: 1, zones: ["1", "2"] } } },
        refusedWith: "cluster.systemPool.nodeCount = 1: must be at least the number of zones (2)",
    },
    {
        rule: "Argo CD HA: two replicas of each stateless component",
        stack: "staging",
        accepted: { argocd: { ha: true, serverReplicas: 2, repoServerReplicas: 2, applicationSetReplicas: 2 } },
        refused: { argocd: { ha: true, serverReplicas: 2, repoServerReplicas: 1, applicationSetReplicas: 2 } },
        refusedWith: "argocd.repoServerReplicas = 1: must be at least 2 when argocd.ha is true",
    },
    {
        rule: "local accounts off: one admin group is enough",
        stack: "prod",
        accepted: { cluster: { disableLocalAccounts: true, adminGroupObjectIds: [GROUP] } },
        refused: { cluster: { disableLocalAccounts: true, adminGroupObjectIds: [] } },
        refusedWith: "cluster.adminGroupObjectIds = []: must name at least one Entra ID group",
    },
];

/**
 * AKS upgrade channels (the `autoUpgradeProfile.upgradeChannel` values): `stable` and `rapid` move the cluster
 * to newer minors themselves, so a pinned kubernetesVersion would fight them; `patch` stays on the pinned
 * minor, and `none` / `node-image` never change the Kubernetes version.
 */
const CHANNEL_OWNS_VERSION: Record<string, boolean> = { none: false, patch: false, "node-image": false, stable: true, rapid: true };

describe("stacks: both sides of every range rule", () => {
    for (const b of BOUNDARIES) {
        it(`${b.rule} (${b.stack})`, () => {
            assert.deepEqual(problemsOf(b.stack, b.accepted), [], "the boundary value is accepted");
            const problems = problemsOf(b.stack, b.refused);
            assert.ok(
                problems.some((p) => p.startsWith(b.refusedWith)),
                `one step past the boundary is refused with:\n  ${b.refusedWith}\ngot:\n  ${problems.join("\n  ")}`,
            );
        });
    }

    for (const [channel, ownsVersion] of Object.entries(CHANNEL_OWNS_VERSION)) {
        it(`upgrade channel "${channel}" ${ownsVersion ? "refuses" : "accepts"} a pinned kubernetesVersion`, () => {
            assert.deepEqual(problemsOf("prod", { cluster: { upgradeChannel: channel } }), [], "the channel without a version is accepted");
            // prod's preset pins no version; the override adds one.
            const problems = problemsOf("prod", { cluster: { upgradeChannel: channel, kubernetesVersion: "1.36" } });
            if (ownsVersion) {
                assert.deepEqual(problems, [
                    `cluster.kubernetesVersion = "1.36": must be unset when cluster.upgradeChannel is "${channel}" (the channel owns the version; a pinned one would ask AKS for a downgrade after each upgrade)`,
                ]);
            } else {
                assert.deepEqual(problems, []);
            }
        });
    }

    it("a localhost/ image needs a local build, which only kind has", () => {
        assert.deepEqual(problemsOf("dev", { app: { buildLocally: true, image: "localhost/platform-app:0.1.0" } }), []);
        assert.deepEqual(problemsOf("dev", { app: { buildLocally: false, image: "ghcr.io/o/app:1.0.0" } }), []);
        assert.deepEqual(problemsOf("dev", { app: { buildLocally: false, image: "localhost/platform-app:0.1.0" } }), [
            'app.image = "localhost/platform-app:0.1.0": a localhost/ image exists only when app.buildLocally is true',
        ]);
        assert.deepEqual(problemsOf("staging", { app: { buildLocally: true } }), ['app.buildLocally = true: only allowed when cluster.kind is "kind" (an AKS cluster pulls images from a registry)']);
    });

    it("a private registry needs a user and a password; a public one neither", () => {
        const withPassword = (values: Record<string, unknown>) =>
            resolveStackConfig({ stackName: "dev", values, secrets: { ...secrets, registryPassword: "secret" } }).app.imagePull;
        assert.equal(withPassword({ app: { imagePull: "private", registryUsername: "bot" } }), "private");
        assert.deepEqual(problemsOf("dev", { app: { imagePull: "public" } }), []);
        assert.deepEqual(problemsOf("dev", { app: { imagePull: "private", registryUsername: "bot" } }), [
            `registryPassword = (missing): required when app.imagePull is "private"; set it encrypted: \`esc env set <org>/platform/dev-secrets pulumiConfig.registryPassword '<value>' --secret\` where the stack imports that environment, else \`pulumi config set --secret registryPassword '<value>'\``,
        ]);
        assert.ok(problemsOf("dev", { app: { imagePull: "private" } }).includes('app.registryUsername = (missing): required when app.imagePull is "private"'));
    });

    it("a private gitops repository needs a token; a public one does not", () => {
        const gitops = (repoAccess: string) => ({ app: { delivery: "gitops", gitops: { ...GITOPS, repoAccess } } });
        assert.deepEqual(problemsOf("dev", gitops("public")), []);
        assert.ok(problemsOf("dev", gitops("private")).some((p) => p.startsWith('gitopsRepoToken = (missing): required when app.gitops.repoAccess is "private"')));
        assert.equal(
            resolveStackConfig({ stackName: "dev", values: gitops("private"), secrets: { ...secrets, gitopsRepoToken: "secret" } }).app.gitops?.repoAccess,
            "private",
        );
    });

    it("prod must page, ticket and beat: each real destination is accepted, none is refused; staging may page nobody", () => {
        for (const pageReceiver of ["pagerduty", "opsgenie", "webhook"]) assert.deepEqual(problemsOf("prod", { monitoring: { pageReceiver } }), [], pageReceiver);
        for (const ticketReceiver of ["webhook", "slack"]) assert.deepEqual(problemsOf("prod", { monitoring: { ticketReceiver, slackChannel: "#oncall" } }), [], ticketReceiver);
        assert.ok(problemsOf("prod", { monitoring: { pageReceiver: "none" } }).some((p) => p.startsWith('monitoring.pageReceiver = "none": a prod stack must page a person')));
        assert.ok(problemsOf("prod", { monitoring: { ticketReceiver: "none" } }).some((p) => p.startsWith('monitoring.ticketReceiver = "none": a prod stack must open tickets')));
        assert.ok(problemsOf("prod", { monitoring: { heartbeatReceiver: "none" } }).some((p) => p.startsWith(`monitoring.heartbeatReceiver = "none": a prod stack needs a dead man's switch`)));
        assert.deepEqual(problemsOf("staging", { monitoring: { pageReceiver: "none" } }), [], "only a production stack must page");
    });
});
