import { strict as assert } from "node:assert";
import { presets } from "../../stacks";
import { mergeOverrides, resolveStackConfig, StackConfigError, type SecretPresence } from "../../stacks";
import type { SecretKey } from "../../stacks";

const GROUP = "3f1c2a4e-0000-4000-8000-000000000001";
const DEPLOYER = "3f1c2a4e-0000-4000-8000-000000000002";
const secrets: SecretPresence = { greeting: "secret", alertmanagerWebhookUrl: "unset", alertmanagerPageKey: "unset", alertmanagerHeartbeatUrl: "unset", registryPassword: "unset", gitopsRepoToken: "unset" };
/** Every alert destination set: what staging and prod read from their ESC environment. */
const alerting: SecretPresence = { ...secrets, alertmanagerWebhookUrl: "secret", alertmanagerPageKey: "secret", alertmanagerHeartbeatUrl: "secret" };

function problemsOf(stackName: string, values: Record<string, unknown>, presence = secrets, equalSecrets: [SecretKey, SecretKey][] = []): string[] {
    try {
        resolveStackConfig({ stackName, values, secrets: presence, equalSecrets });
    } catch (error) {
        assert.ok(error instanceof StackConfigError, `expected StackConfigError, got ${String(error)}`);
        return error.problems;
    }
    assert.fail(`expected ${JSON.stringify(values)} to be rejected`);
}

const fix = (stack: string, key: string) =>
    `set it encrypted: \`esc env set <org>/platform/${stack}-secrets pulumiConfig.${key} '<value>' --secret\` where the stack imports that environment, else \`pulumi config set --secret ${key} '<value>'\``;

describe("stacks/resolve", () => {
    it("accepts every preset with no overrides and picks the preset from the stack name", () => {
        for (const stack of Object.keys(presets)) {
            const perStack: Record<string, Record<string, unknown>> = {
                dev: {},
                staging: { app: { gitops: { repoUrl: "https://github.com/o/r.git", targetRevision: "main" } }, cluster: { deployerPrincipalId: DEPLOYER } },
                prod: { app: { gitops: { repoUrl: "https://github.com/o/r.git", targetRevision: "release" } }, cluster: { adminGroupObjectIds: [GROUP], deployerPrincipalId: DEPLOYER } },
            };
            const presence = stack === "dev" ? secrets : alerting;
            const config = resolveStackConfig({ stackName: stack, values: perStack[stack], secrets: presence });
            assert.equal(config.environment, stack);
        }
    });

    it("applies only the overridden keys and keeps the rest of the preset", () => {
        const config = resolveStackConfig({ stackName: "dev", values: { app: { maxReplicas: 3 }, cluster: { workerNodes: 3 } }, secrets });
        assert.equal(config.app.maxReplicas, 3);
        assert.equal(config.app.minReplicas, presets.dev.app.minReplicas);
        assert.deepEqual(config.cluster, { ...presets.dev.cluster, workerNodes: 3 });
    });

    it("lets a stack choose its preset with `environment`, and an empty value means the stack name", () => {
        assert.equal(resolveStackConfig({ stackName: "feature-x", values: { environment: "dev" }, secrets }).environment, "dev");
        assert.equal(resolveStackConfig({ stackName: "dev", values: { environment: "" }, secrets }).environment, "dev");
    });

    it("names an unknown stack's missing preset", () => {
        assert.deepEqual(problemsOf("feature-x", {}), ['environment = "feature-x" (from the stack name; set `environment` to pick a preset): must be one of "dev", "staging", "prod"']);
    });

    it("reports every problem at once with key, value and what is allowed", () => {
        const problems = problemsOf("dev", { app: { failRate: 1.5, minReplicas: 5, maxReplicas: 2, replica: 3 }, clustr: {} });
        assert.deepEqual(problems, [
            'clustr: unknown key (did you mean "cluster"?); allowed keys: environment, cluster, argocd, monitoring, secretsStore, app, greeting, alertmanagerWebhookUrl, alertmanagerPageKey, alertmanagerHeartbeatUrl, registryPassword, gitopsRepoToken',
            "app.failRate = 1.5: must be at most 1",
            "app.replica: unknown key; allowed keys: namespace, image, buildLocally, minReplicas, maxReplicas, cpuRequestMillicores, memoryRequestMiB, memoryLimitMiB, readinessDelaySec, failRate, sloTarget, latencyP99TargetMs, delivery, imagePull, registryUsername, gitops",
            "app.maxReplicas = 2: must be at least app.minReplicas (5); the autoscaler range would be empty",
        ]);
    });

    it("reports every problem at once even when `environment` itself is invalid", () => {
        const problems = problemsOf("feature-x", { environment: "qa", app: { failRate: 1.5, minReplicas: 5, maxReplicas: 2 }, clustr: {} }, { ...secrets, greeting: "plain" });
        assert.deepEqual(problems, [
            'clustr: unknown key (did you mean "cluster"?); allowed keys: environment, cluster, argocd, monitoring, secretsStore, app, greeting, alertmanagerWebhookUrl, alertmanagerPageKey, alertmanagerHeartbeatUrl, registryPassword, gitopsRepoToken',
            'environment = "qa": must be one of "dev", "staging", "prod"',
            "app.failRate = 1.5: must be at most 1",
            "app.maxReplicas = 2: must be at least app.minReplicas (5); the autoscaler range would be empty",
            `greeting = (plain text): secret config must be encrypted; ${fix("feature-x", "greeting")}`,
        ]);
    });

    it("with an invalid `environment`, leaves out what only some presets would object to", () => {
        // buildLocally: false is wrong on dev's kind preset (its localhost/ image) and fine on the AKS presets.
        assert.deepEqual(problemsOf("feature-x", { environment: "qa", app: { buildLocally: false } }), ['environment = "qa": must be one of "dev", "staging", "prod"']);
    });

    it("rejects misspelled keys at any depth with a suggestion", () => {
        const problems = problemsOf("prod", { cluster: { userPool: { maxCuont: 4 } }, app: { gitops: { repoUrl: "https://x/y.git", targetRevison: "main" } } });
        assert.ok(problems.some((p) => p.startsWith('cluster.userPool.maxCuont: unknown key (did you mean "maxCount"?)')), problems.join("\n"));
        assert.ok(problems.some((p) => p.startsWith('app.gitops.targetRevison: unknown key (did you mean "targetRevision"?)')), problems.join("\n"));
    });

    it("names the allowed cluster kinds and keeps zones to AKS", () => {
        assert.deepEqual(problemsOf("dev", { cluster: { kind: "gke" } }), ['cluster.kind = "gke": must be one of "kind", "aks"', 'app.buildLocally = true: only allowed when cluster.kind is "kind" (an AKS cluster pulls images from a registry)']);
        assert.ok(problemsOf("dev", { cluster: { zones: ["1"] } })[0].startsWith("cluster.zones: unknown key; allowed keys: kind, name, nodeImage, controlPlaneNodes, workerNodes"));
    });

    it("starts a stack that switches cluster kind from a preset of that kind", () => {
        const config = resolveStackConfig({ stackName: "dev", values: { cluster: { kind: "aks", location: "northeurope", deployerPrincipalId: DEPLOYER }, app: { buildLocally: false, image: "ghcr.io/o/app:1.0.0" } }, secrets });
        assert.ok(config.cluster.kind === "aks" && presets.staging.cluster.kind === "aks");
        assert.equal(config.cluster.location, "northeurope");
        assert.deepEqual(config.cluster.userPool, presets.staging.cluster.userPool);
    });

    it("checks cross-field rules", () => {
        const problems = problemsOf("prod", { cluster: { userPool: { minCount: 5, maxCount: 2 }, systemPool: { nodeCount: 2 } }, app: { memoryLimitMiB: 64 }, monitoring: { ticketReceiver: "webhook" } }, { ...alerting, alertmanagerWebhookUrl: "unset" });
        assert.deepEqual(problems, [
            "app.memoryLimitMiB = 64: must be at least app.memoryRequestMiB (256); a limit below the request is rejected by Kubernetes",
            "cluster.userPool.maxCount = 2: must be at least cluster.userPool.minCount (5); the node autoscaler range would be empty",
            "cluster.systemPool.nodeCount = 2: must be at least the number of zones (3) so every zone has a system node",
            "cluster.deployerPrincipalId = (missing): required on AKS: the object id of the service principal that deploys this stack (granted cluster admin); find it with `az ad sp show --id <deploy app client id> --query id -o tsv`",
            "cluster.adminGroupObjectIds = []: must name at least one Entra ID group when cluster.disableLocalAccounts is true, or no person can use kubectl on the cluster",
            'app.gitops = (missing): required when app.delivery is "gitops" (set app.gitops.repoUrl and app.gitops.targetRevision)',
            `alertmanagerWebhookUrl = (missing): required when monitoring.ticketReceiver is "webhook"; ${fix("prod", "alertmanagerWebhookUrl")}`,
        ]);
    });

    describe("alerting: every outage reaches the right person", () => {
        const prod = { app: { gitops: { repoUrl: "https://github.com/o/r.git", targetRevision: "release" } }, cluster: { adminGroupObjectIds: [GROUP], deployerPrincipalId: DEPLOYER } };
        const withMonitoring = (monitoring: Record<string, unknown>) => ({ ...prod, monitoring });

        it("prod refuses a missing page, ticket or heartbeat destination, each naming its key and what to set", () => {
            assert.deepEqual(problemsOf("prod", withMonitoring({ pageReceiver: "none", ticketReceiver: "none", heartbeatReceiver: "none" }), alerting), [
                'monitoring.pageReceiver = "none": a prod stack must page a person; set "pagerduty", "opsgenie" or "webhook" and the secret alertmanagerPageKey',
                'monitoring.ticketReceiver = "none": a prod stack must open tickets somewhere other than its pages; set "slack" or "webhook" and the secret alertmanagerWebhookUrl',
                `monitoring.heartbeatReceiver = "none": a prod stack needs a dead man's switch; set "webhook" and the secret alertmanagerHeartbeatUrl (a heartbeat check URL)`,
            ]);
        });

        it("each destination needs its own secret", () => {
            assert.deepEqual(problemsOf("prod", prod, secrets), [
                `alertmanagerWebhookUrl = (missing): required when monitoring.ticketReceiver is "slack"; ${fix("prod", "alertmanagerWebhookUrl")}`,
                `alertmanagerPageKey = (missing): required when monitoring.pageReceiver is "pagerduty"; ${fix("prod", "alertmanagerPageKey")}`,
                `alertmanagerHeartbeatUrl = (missing): required when monitoring.heartbeatReceiver is "webhook"; ${fix("prod", "alertmanagerHeartbeatUrl")}`,
            ]);
            assert.deepEqual(problemsOf("dev", { monitoring: { pageReceiver: "opsgenie" } }), [`alertmanagerPageKey = (missing): required when monitoring.pageReceiver is "opsgenie"; ${fix("dev", "alertmanagerPageKey")}`]);
        });

        it("prod refuses pages and tickets sent to one destination; other stacks may share", () => {
            assert.deepEqual(problemsOf("prod", withMonitoring({ pageReceiver: "webhook", ticketReceiver: "webhook" }), alerting, [["alertmanagerWebhookUrl", "alertmanagerPageKey"]]), [
                "alertmanagerWebhookUrl = (same value as alertmanagerPageKey): a prod stack must send pages, tickets and heartbeats to different destinations; give each its own integration or URL",
            ]);
            const shared = { monitoring: { pageReceiver: "webhook", ticketReceiver: "webhook" } };
            assert.doesNotThrow(() => resolveStackConfig({ stackName: "dev", values: shared, secrets: alerting, equalSecrets: [["alertmanagerWebhookUrl", "alertmanagerPageKey"]] }));
        });

        it("staging's alerts go to a chat channel that pages nobody; prod pages through PagerDuty", () => {
            const staging = resolveStackConfig({ stackName: "staging", values: { app: prod.app, cluster: { deployerPrincipalId: DEPLOYER } }, secrets: alerting });
            assert.deepEqual([staging.monitoring.pageReceiver, staging.monitoring.ticketReceiver], ["none", "slack"]);
            const production = resolveStackConfig({ stackName: "prod", values: prod, secrets: alerting });
            assert.deepEqual([production.monitoring.pageReceiver, production.monitoring.ticketReceiver, production.monitoring.heartbeatReceiver], ["pagerduty", "slack", "webhook"]);
        });

        it("refuses an SLO target at which the 14.4x page can never fire (1 - 1/14.4 = 0.930556)", () => {
            assert.deepEqual(problemsOf("dev", { app: { sloTarget: 0.93 } }), [
                "app.sloTarget = 0.93: must be at least 0.9306; below it the fastest burn-rate page (1 h window) cannot fire even when every request fails",
            ]);
            assert.doesNotThrow(() => resolveStackConfig({ stackName: "dev", values: { app: { sloTarget: 0.931 } }, secrets }));
        });

        it("refuses a latency target between the histogram's bucket boundaries, naming the boundaries", () => {
            // The service's buckets in milliseconds, as app/src/latency-buckets.ts lists them in seconds.
            const boundaries = "1, 2.5, 5, 10, 20, 30, 50, 75, 100, 250, 500, 1000, 2500";
            assert.deepEqual(problemsOf("dev", { app: { latencyP99TargetMs: 300 } }), [
                `app.latencyP99TargetMs = 300: must be a bucket boundary of the service's latency histogram (app/src/latency-buckets.ts), one of ${boundaries}; between boundaries the p99 cannot be measured`,
            ]);
            for (const ms of [250, 500, 1000]) assert.doesNotThrow(() => resolveStackConfig({ stackName: "dev", values: { app: { latencyP99TargetMs: ms } }, secrets }), String(ms));
        });

        it("refuses external URLs a phone cannot open as given", () => {
            assert.deepEqual(problemsOf("dev", { monitoring: { externalUrls: { ...presets.dev.monitoring.externalUrls, grafana: "grafana.example.org/" } } }), [
                'monitoring.externalUrls.grafana = "grafana.example.org/": must be an http(s) URL without a trailing slash, query or fragment, such as https://alertmanager.example.org',
            ]);
        });
    });

    it("refuses mutable and untagged images", () => {
        assert.deepEqual(problemsOf("dev", { app: { image: "ghcr.io/o/app:latest" } }), ["app.image = \"ghcr.io/o/app:latest\": must not use the mutable 'latest' tag"]);
        assert.deepEqual(problemsOf("dev", { app: { image: "ghcr.io/o/app" } }), ['app.image = "ghcr.io/o/app": must carry an explicit tag or digest']);
        const pinned = `ghcr.io/o/app@sha256:${"a".repeat(64)}`;
        assert.equal(resolveStackConfig({ stackName: "dev", values: { app: { image: pinned, buildLocally: false } }, secrets }).app.image, pinned);
    });

    it("never prints a secret value, only whether it is set", () => {
        const problems = problemsOf("dev", { monitoring: { ticketReceiver: "webhook" } });
        assert.deepEqual(problems, [`alertmanagerWebhookUrl = (missing): required when monitoring.ticketReceiver is "webhook"; ${fix("dev", "alertmanagerWebhookUrl")}`]);
        assert.doesNotThrow(() => resolveStackConfig({ stackName: "dev", values: { monitoring: { ticketReceiver: "webhook" } }, secrets: { ...secrets, alertmanagerWebhookUrl: "secret" } }));
    });

    it("merges objects key by key and replaces arrays and scalars", () => {
        assert.deepEqual(mergeOverrides({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] } }), { a: { b: 1, c: [3] }, d: 1 });
        assert.deepEqual(mergeOverrides({ a: 1 }, undefined), { a: 1 });
    });
});
