// The Platform component under the mock runtime, on a fake cluster: what it registers for a kind stack
// (dev preset) and AKS stacks (prod and staging presets), and where secret values end up.
import { strict as assert } from "node:assert";
import { isRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { keyVaultName } from "../../../components/platform";
import { revealSecrets, type RecordedResource, type SynthResult } from "../../../synth";
import { SYNTH_DEPLOYER_OBJECT_ID, SYNTH_SUBSCRIPTION_ID, SYNTH_TENANT_ID, synthUuid } from "../../../synth";
import { dependencyNames, FAKE_AZURE, MARKERS, named, ofType, plainConfig, plainStrings, secretPaths, synthPlatform, TYPES, validateK8s } from "./support";

type Inputs = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

// Pinned on purpose: a chart bump must change this test too.
const EXPECTED_CHARTS = {
    "platform-argocd-release": { chart: "argo-cd", version: "10.1.1", repo: "https://argoproj.github.io/argo-helm", namespace: "argocd", atomic: true },
    "platform-monitoring-release": { chart: "kube-prometheus-stack", version: "88.5.3", repo: "https://prometheus-community.github.io/helm-charts", namespace: "monitoring", atomic: false },
    "platform-secrets-store-release": {
        chart: "csi-secrets-store-provider-azure",
        version: "1.8.2",
        repo: "https://azure.github.io/secrets-store-csi-driver-provider-azure/charts",
        namespace: "secrets-store-csi",
        atomic: true,
    },
    "platform-monitoring-blackbox-exporter": { chart: "prometheus-blackbox-exporter", version: "11.21.1", repo: "https://prometheus-community.github.io/helm-charts", namespace: "monitoring", atomic: true },
    "platform-metrics-server-release": { chart: "metrics-server", version: "3.13.1", repo: "https://kubernetes-sigs.github.io/metrics-server/", namespace: "kube-system", atomic: true },
} as const;

const runs = new Map<string, Promise<SynthResult>>();
function synth(name: "dev" | "prod" | "staging"): Promise<SynthResult> {
    let run = runs.get(name);
    if (run === undefined) {
        // prod as committed (Slack tickets, PagerDuty pages, heartbeat webhook); staging exercises webhook tickets and Opsgenie pages.
        const patch = {
            dev: undefined,
            prod: undefined,
            staging: (c: ReturnType<typeof plainConfig>) => ({ ...c, monitoring: { ...c.monitoring, ticketReceiver: "webhook" as const, pageReceiver: "opsgenie" as const } }),
        }[name];
        run = synthPlatform(plainConfig(name, patch));
        runs.set(name, run);
    }
    return run;
}

const values = (release: RecordedResource): Inputs => revealSecrets(release.inputs.values) as Inputs;
const releases = (result: SynthResult) => ofType(result, TYPES.release);
const azureResources = (result: SynthResult) => result.resources.filter((resource) => resource.type.startsWith("azure-native:"));

describe("components/platform (synth)", () => {
    it("kind: Argo CD, kube-prometheus-stack, the blackbox exporter and metrics-server; no Secrets Store, Key Vault or identity", async () => {
        const result = await synth("dev");
        assert.deepEqual(releases(result).map((release) => release.name).sort(), ["platform-argocd-release", "platform-metrics-server-release", "platform-monitoring-blackbox-exporter", "platform-monitoring-release"]);
        assert.deepEqual(azureResources(result), []);
        assert.equal(ofType(result, TYPES.namespace).some((ns) => (ns.inputs as Inputs).metadata.name === "secrets-store-csi"), false);
        assert.equal(result.outputs.keyVaultName, undefined);
    });

    for (const stack of ["dev", "prod"] as const) {
        it(`${stack}: every chart pinned exactly, from its repository, into the namespace Pulumi created`, async () => {
            const result = await synth(stack);
            for (const release of releases(result)) {
                const expected = EXPECTED_CHARTS[release.name as keyof typeof EXPECTED_CHARTS];
                const inputs = release.inputs as Inputs;
                assert.deepEqual(
                    [inputs.chart, inputs.version, inputs.repositoryOpts, inputs.namespace, inputs.createNamespace, inputs.atomic, inputs.cleanupOnFail],
                    [expected.chart, expected.version, { repo: expected.repo }, expected.namespace, false, expected.atomic, true],
                    release.name,
                );
                assert.equal(typeof inputs.timeout, "number");
            }
        });

        it(`${stack}: each release waits for its namespace and the cluster, never for another release`, async () => {
            const result = await synth(stack);
            const releaseNames = releases(result).map((release) => release.name);
            for (const release of releases(result)) {
                const deps = dependencyNames(release);
                // kube-system exists in every cluster; every other namespace is Pulumi's and must come first.
                const namespace = ofType(result, TYPES.namespace).find((ns) => (ns.inputs as Inputs).metadata.name === (release.inputs as Inputs).namespace);
                if ((release.inputs as Inputs).namespace !== "kube-system") {
                    assert.ok(namespace && deps.includes(namespace.name), `${release.name} depends on its namespace: ${deps.join(", ")}`);
                }
                assert.ok(deps.includes("test-cluster-ready"), `${release.name} depends on the cluster`);
                assert.deepEqual(deps.filter((dep) => releaseNames.includes(dep)), [], `${release.name} depends on no other release`);
            }
        });

        it(`${stack}: Kubernetes objects use the cluster's provider; Azure resources the default provider`, async () => {
            const result = await synth(stack);
            for (const resource of result.resources.filter((r) => r.custom && r.type.startsWith("kubernetes:"))) {
                assert.match(resource.options.provider, /::test-cluster-provider::/, resource.name);
            }
            for (const resource of azureResources(result)) assert.equal(resource.options.provider, "", resource.name);
        });

        it(`${stack}: namespaces, Secrets and NetworkPolicies pass their schemas; Pod Security levels as designed`, async () => {
            const result = await synth(stack);
            const levels = Object.fromEntries(
                ofType(result, TYPES.namespace).map((ns) => [(ns.inputs as Inputs).metadata.name, (ns.inputs as Inputs).metadata.labels["pod-security.kubernetes.io/enforce"]]),
            );
            assert.deepEqual(levels, { argocd: "restricted", monitoring: "privileged", ...(stack === "prod" ? { "secrets-store-csi": "privileged" } : {}) });
            const plainObjects = result.resources.filter((r) => [TYPES.namespace, TYPES.secret, "kubernetes:networking.k8s.io/v1:NetworkPolicy", TYPES.serviceMonitor].includes(r.type));
            for (const resource of plainObjects) await validateK8s(revealSecrets(resource.inputs) as { apiVersion: string; kind: string });
            assert.ok(plainObjects.length >= 6);
        });

        it(`${stack}: no secret value outside a secret wrapper (markers, generated passwords, bcrypt hash)`, async () => {
            const result = await synth(stack);
            const secretValues = [MARKERS.greeting, MARKERS.webhook, MARKERS.pageKey, MARKERS.heartbeat, "synth-random-", "$2a$10$synthbcrypthash"];
            const leaks = [...result.resources.flatMap((r) => plainStrings(r.inputs, r.name)), ...plainStrings(result.outputs, "outputs")].filter(({ value }) =>
                secretValues.some((secret) => value.includes(secret)),
            );
            assert.deepEqual(leaks, []);
            // No credential sits in any chart's values, so each release's values stay reviewable as a whole.
            for (const release of ofType(result, TYPES.release)) assert.ok(!isRpcSecret(release.inputs.values), `${release.name}: values are wholly secret`);
            assert.ok(isRpcSecret(result.outputs.argocdAdminPassword) && isRpcSecret(result.outputs.grafanaAdminPassword));
        });
    }

    it("secret values do reach where they are needed, wrapped", async () => {
        const result = await synth("prod");
        const wrapped = (resource: RecordedResource) => JSON.stringify(revealSecrets(secretPaths(resource.inputs).length > 0 ? resource.inputs : {}));
        assert.ok(wrapped(named(result, TYPES.vaultSecret, "platform-secrets-store-key-vault-greeting")).includes(MARKERS.greeting));
        for (const marker of [MARKERS.webhook, MARKERS.pageKey, MARKERS.heartbeat]) assert.ok(wrapped(named(result, TYPES.secret, "platform-monitoring-alert-receiver")).includes(marker));
        const argocdSecret = named(result, TYPES.secret, "platform-argocd-secret");
        assert.ok(isRpcSecret(argocdSecret.inputs.stringData), "the Secret's data is a secret");
        assert.equal((revealSecrets(argocdSecret.inputs) as Inputs).stringData["admin.password"], "$2a$10$synthbcrypthash.platform-argocd-admin-password");
    });

    it("Argo CD: HA (redis-ha, 2 replicas, PDBs) on prod only; admin mtime fixed", async () => {
        const dev = values(named(await synth("dev"), TYPES.release, "platform-argocd-release"));
        const prod = values(named(await synth("prod"), TYPES.release, "platform-argocd-release"));
        assert.deepEqual([dev["redis-ha"].enabled, dev.server.replicas, dev.repoServer.replicas, dev.applicationSet.replicas, dev.server.pdb.enabled], [false, 1, 1, 1, false]);
        assert.deepEqual([prod["redis-ha"].enabled, prod.server.replicas, prod.repoServer.replicas, prod.applicationSet.replicas, prod.server.pdb.enabled], [true, 2, 2, 2, true]);
        assert.equal(prod.controller.replicas, 1);
        const devSecret = revealSecrets(named(await synth("dev"), TYPES.secret, "platform-argocd-secret").inputs) as Inputs;
        assert.equal(devSecret.stringData["admin.passwordMtime"], "2025-01-01T00:00:00Z");
        assert.ok(dependencyNames(named(await synth("dev"), TYPES.release, "platform-argocd-release")).includes("platform-argocd-secret"), "the release waits for argocd-secret");
    });

    it("Argo CD: ServiceMonitors for the four components wait for the Prometheus CRDs, not the release for them", async () => {
        const result = await synth("dev");
        const monitors = ofType(result, TYPES.serviceMonitor);
        assert.deepEqual(monitors.map((m) => String((m.inputs as Inputs).metadata.name)).sort(), [
            "argocd-application-controller",
            "argocd-applicationset-controller",
            "argocd-repo-server",
            "argocd-server",
        ]);
        for (const monitor of monitors) assert.ok(dependencyNames(monitor).includes("platform-monitoring-release"), monitor.name);
        const deny = named(result, "kubernetes:networking.k8s.io/v1:NetworkPolicy", "platform-argocd-default-deny-ingress").inputs as Inputs;
        assert.deepEqual([deny.metadata.namespace, deny.spec], ["argocd", { podSelector: {}, policyTypes: ["Ingress"] }]);
    });

    it("monitoring: per-stack retention, storage, replicas and anti-affinity; selectors from all namespaces", async () => {
        const dev = values(named(await synth("dev"), TYPES.release, "platform-monitoring-release"));
        const prod = values(named(await synth("prod"), TYPES.release, "platform-monitoring-release"));
        const devSpec = dev.prometheus.prometheusSpec;
        const prodSpec = prod.prometheus.prometheusSpec;
        assert.deepEqual([devSpec.retention, devSpec.replicas, devSpec.podAntiAffinity, devSpec.storageSpec], ["2d", 1, "", { emptyDir: {} }]);
        assert.deepEqual([prodSpec.retention, prodSpec.replicas, prodSpec.podAntiAffinity, prodSpec.retentionSize], ["30d", 2, "hard", "85GiB"]);
        assert.equal(prodSpec.storageSpec.volumeClaimTemplate.spec.storageClassName, "managed-csi");
        assert.equal(prodSpec.storageSpec.volumeClaimTemplate.spec.resources.requests.storage, "100Gi");
        assert.deepEqual([prod.alertmanager.alertmanagerSpec.replicas, prod.alertmanager.alertmanagerSpec.podAntiAffinity, prod.grafana.replicas], [3, "hard", 2]);
        for (const spec of [devSpec, prodSpec]) {
            for (const kind of ["rule", "serviceMonitor", "podMonitor", "probe", "scrapeConfig"]) {
                assert.deepEqual([spec[`${kind}SelectorNilUsesHelmValues`], spec[`${kind}Selector`], spec[`${kind}NamespaceSelector`]], [false, {}, {}], kind);
            }
        }
    });

    it("monitoring: Grafana admin from the generated Secret; dashboards from ALL namespaces", async () => {
        const result = await synth("dev");
        const grafana = values(named(result, TYPES.release, "platform-monitoring-release")).grafana;
        const secret = revealSecrets(named(result, TYPES.secret, "platform-monitoring-grafana-admin").inputs) as Inputs;
        assert.equal(grafana.admin.existingSecret, secret.metadata.name);
        assert.equal(secret.metadata.namespace, "monitoring");
        assert.deepEqual(Object.keys(secret.stringData).sort(), [grafana.admin.passwordKey, grafana.admin.userKey].sort());
        assert.equal(secret.stringData[grafana.admin.passwordKey], "synth-random-platform-monitoring-grafana-admin-password");
        assert.equal(grafana.adminPassword, undefined);
        assert.deepEqual(grafana.sidecar.dashboards, { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: "ALL" });
    });

    it("monitoring: the receiver URL Secret exists only with a receiver and is mounted, not inlined", async () => {
        const dev = await synth("dev");
        assert.deepEqual(ofType(dev, TYPES.secret).map((s) => s.name).sort(), ["platform-argocd-secret", "platform-monitoring-grafana-admin"]);
        const dir = "/etc/alertmanager/secrets/alertmanager-receiver";
        const expected = {
            prod: { ticket: ["slack_configs", "api_url_file", `${dir}/ticket-url`], page: ["pagerduty_configs", "routing_key_file", `${dir}/page-key`], heartbeat: ["webhook_configs", "url_file", `${dir}/heartbeat-url`] },
            staging: { ticket: ["webhook_configs", "url_file", `${dir}/ticket-url`], page: ["opsgenie_configs", "api_key_file", `${dir}/page-key`] },
        };
        for (const stack of ["prod", "staging"] as const) {
            const result = await synth(stack);
            const am = values(named(result, TYPES.release, "platform-monitoring-release")).alertmanager;
            assert.deepEqual(am.alertmanagerSpec.secrets, ["alertmanager-receiver"]);
            for (const [name, [key, field, file]] of Object.entries(expected[stack])) {
                assert.equal(am.config.receivers.find((r: Inputs) => r.name === name)[key][0][field], file, `${stack}: ${name}`);
            }
            const secret = revealSecrets(named(result, TYPES.secret, "platform-monitoring-alert-receiver").inputs) as Inputs;
            assert.deepEqual(Object.keys(secret.stringData).sort(), Object.values(expected[stack]).map(([, , file]) => file.split("/").pop()).sort(), `${stack}: one key per destination in use`);
            assert.deepEqual(Object.keys(am.templateFiles), ["platform.tmpl"]);
            assert.deepEqual(values(named(result, TYPES.release, "platform-monitoring-release")).prometheus.prometheusSpec.externalLabels, { stack });
            const monitoringRelease = named(result, TYPES.release, "platform-monitoring-release");
            assert.ok(dependencyNames(monitoringRelease).includes("platform-monitoring-alert-receiver"));
        }
    });

    it("Key Vault: RBAC mode, soft delete, default-allow ACL, random name suffix, protected and purge-protected in prod only", async () => {
        for (const stack of ["prod", "staging"] as const) {
            const result = await synth(stack);
            const vault = named(result, TYPES.vault, "platform-secrets-store-key-vault-vault");
            const inputs = vault.inputs as Inputs;
            const suffix = named(result, "random:index/randomString:RandomString", "platform-secrets-store-key-vault-name-suffix");
            assert.deepEqual([suffix.inputs.length, suffix.inputs.special, suffix.inputs.upper], [6, false, false]);
            assert.match(String(inputs.vaultName), new RegExp(`^kv-${stack}-[a-z0-9]{6}$`));
            assert.ok(dependencyNames(vault).includes("platform-secrets-store-key-vault-name-suffix"), "the name comes from the suffix drawn at creation");
            assert.equal(result.outputs.keyVaultName, inputs.vaultName);
            assert.deepEqual(
                [inputs.resourceGroupName, inputs.location, inputs.properties.tenantId, inputs.properties.enableRbacAuthorization, inputs.properties.enableSoftDelete],
                [FAKE_AZURE.resourceGroupName, FAKE_AZURE.location, SYNTH_TENANT_ID, true, true],
            );
            assert.deepEqual(inputs.properties.networkAcls, { defaultAction: "Allow", bypass: "AzureServices" });
            assert.equal(inputs.properties.softDeleteRetentionInDays, stack === "prod" ? 90 : 7);
            assert.equal(inputs.properties.enablePurgeProtection, stack === "prod" ? true : undefined, "false is never sent");
            assert.equal(vault.options.protect, stack === "prod");
            assert.equal(suffix.options.protect, stack === "prod", "the suffix lives exactly as long as its vault");
        }
    });

    it("Key Vault: destroy then up picks a name no soft-deleted vault holds", () => {
        // A rebuilt stack draws a new RandomString; only the suffix changes the name, and any two draws differ.
        assert.notEqual(keyVaultName("staging", "a1b2c3"), keyVaultName("staging", "d4e5f6"));
        assert.equal(keyVaultName("staging", "a1b2c3"), "kv-staging-a1b2c3");
    });

    it("Key Vault: the deployer gets no data-plane role; the greeting is a management-plane write", async () => {
        for (const stack of ["prod", "staging"] as const) {
            const result = await synth(stack);
            const grants = ofType(result, TYPES.roleAssignment).map((r) => r.inputs as Inputs);
            const deployerGrants = grants.filter((grant) => grant.principalId === SYNTH_DEPLOYER_OBJECT_ID);
            assert.deepEqual(deployerGrants, [], `${stack}: the deployer is granted nothing on the vault`);
            const secret = named(result, TYPES.vaultSecret, "platform-secrets-store-key-vault-greeting");
            assert.deepEqual(
                dependencyNames(secret).filter((dep) => dep.includes("role")),
                [],
                "the greeting waits for no role assignment",
            );
            assert.deepEqual([(secret.inputs as Inputs).secretName, result.outputs.greetingSecretName], ["greeting", "greeting"]);
        }
    });

    it("app identity: federated with the app's ServiceAccount on the cluster issuer, Secrets User on the vault", async () => {
        const result = await synth("prod");
        const identity = named(result, TYPES.identity, "platform-secrets-store-app-identity-identity").inputs as Inputs;
        assert.deepEqual([identity.resourceName, identity.resourceGroupName, identity.location], ["id-platform-prod-app", FAKE_AZURE.resourceGroupName, FAKE_AZURE.location]);
        const federation = named(result, TYPES.federation, "platform-secrets-store-app-identity-federation").inputs as Inputs;
        assert.deepEqual(
            [federation.issuer, federation.subject, federation.audiences, federation.resourceName],
            [FAKE_AZURE.oidcIssuerUrl, "system:serviceaccount:app:greeter", ["api://AzureADTokenExchange"], "id-platform-prod-app"],
        );
        const grant = named(result, TYPES.roleAssignment, "platform-secrets-store-app-identity-secrets-user").inputs as Inputs;
        assert.equal(grant.principalId, synthUuid("platform-secrets-store-app-identity-identity/principal"));
        assert.equal(grant.principalType, "ServicePrincipal");
        assert.equal(grant.scope, "platform-secrets-store-key-vault-vault-id");
        assert.equal(grant.roleDefinitionId, `/subscriptions/${SYNTH_SUBSCRIPTION_ID}/providers/Microsoft.Authorization/roleDefinitions/4633458b-17de-408a-b874-0445c86b69e6`);
        assert.equal(result.outputs.appIdentityClientId, synthUuid("platform-secrets-store-app-identity-identity/client"));
    });

    it("role assignment names are GUIDs and stable across runs", async () => {
        const names = (result: SynthResult) => ofType(result, TYPES.roleAssignment).map((r) => (r.inputs as Inputs).roleAssignmentName as string);
        const first = names(await synth("prod"));
        const again = names(await synthPlatform(plainConfig("prod")));
        assert.equal(first.length, 1, "only the app identity's Secrets User grant remains");
        for (const name of first) assert.match(name, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        assert.deepEqual(again, first);
    });

    it("secrets store chart: sync to Kubernetes Secrets and rotation from config", async () => {
        const csi = values(named(await synth("prod"), TYPES.release, "platform-secrets-store-release"))["secrets-store-csi-driver"];
        assert.deepEqual([csi.syncSecret.enabled, csi.enableSecretRotation, csi.rotationPollInterval], [true, true, "2m"]);
    });
});
