// Plain unit tests of the pure builders: chart values, Alertmanager config, names and manifests.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { alertRuleGroups } from "../../../components/app";
import { alertmanagerConfig, BLACKBOX_EXPORTER, blackboxExporterValues, destinationFile, PAGE_SEVERITIES, RECEIVERS, TICKET_SEVERITIES } from "../../../components/platform";
import { serviceAccountSubject } from "../../../components/platform";
import { argocdServiceMonitor, defaultDenyIngress } from "../../../components/platform";
import { ARGOCD_METRICS_COMPONENTS, ARGOCD_METRICS_LABEL, ARGOCD_REDIS_CLIENTS, argocdAdminSecret, argocdValues } from "../../../components/platform";
import { keyVaultName } from "../../../components/platform";
import { AKS_STORAGE_CLASS, monitoringValues, prometheusStorage } from "../../../components/platform";
import { namespaceManifest } from "../../../components/platform";
import { secretsStoreValues } from "../../../components/platform";
import { CHARTS } from "../../../components/platform";
import { presets } from "../../../stacks";
import type { ClusterConfig, MonitoringConfig } from "../../../stacks";
import { presetSpec } from "../app/support";
import { validateK8s } from "./support";

const HASH = "$2a$10$bcrypt-hash";
const MTIME = "2025-01-01T00:00:00Z";

describe("components/platform values", () => {
    describe("argocdValues", () => {
        it("dev: non-HA, single replicas, no PDBs, single redis", () => {
            const values = argocdValues(presets.dev.argocd);
            assert.equal(values["redis-ha"].enabled, false);
            for (const component of [values.controller, values.server, values.repoServer, values.applicationSet]) {
                assert.equal(component.replicas, 1);
                assert.deepEqual(component.pdb, { enabled: false });
            }
        });

        it("prod: redis-ha, replicas from config with PDBs, one controller", () => {
            const values = argocdValues(presets.prod.argocd);
            assert.equal(values["redis-ha"].enabled, true);
            assert.deepEqual([values.server.replicas, values.repoServer.replicas, values.applicationSet.replicas], [2, 2, 2]);
            assert.deepEqual(values.server.pdb, { enabled: true, minAvailable: 1 });
            assert.equal(values.controller.replicas, 1);
        });

        it("HA: redis-ha's own NetworkPolicies on, haproxy admitting exactly the chart's redis clients", () => {
            const redisHa = argocdValues(presets.prod.argocd)["redis-ha"];
            assert.equal(redisHa.networkPolicy.enabled, true);
            assert.equal(redisHa.haproxy.networkPolicy.enabled, true);
            assert.deepEqual(
                redisHa.haproxy.networkPolicy.ingressRules[0].selectors.map((selector) => selector.podSelector.matchLabels["app.kubernetes.io/name"]),
                [...ARGOCD_REDIS_CLIENTS],
            );
            assert.deepEqual([...ARGOCD_REDIS_CLIENTS], ["argocd-server", "argocd-repo-server", "argocd-application-controller"]);
        });

        it("keeps the admin login out of the values: the chart does not create argocd-secret, Pulumi does", async () => {
            const values = argocdValues(presets.dev.argocd);
            assert.deepEqual(values.configs.secret, { createSecret: false });
            const secret = argocdAdminSecret("argocd", HASH, MTIME);
            assert.deepEqual(secret.stringData, { "admin.password": HASH, "admin.passwordMtime": MTIME });
            assert.deepEqual(secret.metadata.labels, { "app.kubernetes.io/name": "argocd-secret", "app.kubernetes.io/part-of": "argocd" });
            assert.equal(secret.metadata.name, "argocd-secret");
            assert.equal(secret.metadata.annotations?.["helm.sh/resource-policy"], "keep", "an upgrade from a chart-made argocd-secret must not delete it");
            assert.equal(secret.metadata.annotations?.["pulumi.com/patchForce"], "true", "Pulumi takes the fields over from Helm");
            await validateK8s(secret);
            // The app's selectors use app.kubernetes.io/instance, which label tracking would overwrite.
            assert.equal(values.configs.cm["application.resourceTrackingMethod"], "annotation");
        });

        it("turns metrics on for the four components with our Service label, chart ServiceMonitors off", () => {
            const values = argocdValues(presets.dev.argocd);
            for (const [key, label] of Object.entries(ARGOCD_METRICS_COMPONENTS)) {
                const metrics = values[key as keyof typeof ARGOCD_METRICS_COMPONENTS].metrics;
                assert.equal(metrics.enabled, true);
                assert.deepEqual(metrics.service.labels, { [ARGOCD_METRICS_LABEL]: label });
                assert.equal(metrics.serviceMonitor.enabled, false);
            }
            assert.deepEqual(values.global.networkPolicy, { create: true, defaultDenyIngress: false });
            assert.equal(values.dex.enabled, false);
        });
    });

    describe("monitoringValues", () => {
        const kind = presets.dev.cluster;
        const aks = presets.prod.cluster;

        it("selects monitors, rules, probes and scrape configs from every namespace", () => {
            const spec = monitoringValues(presets.dev.monitoring, kind, "dev").prometheus.prometheusSpec;
            for (const kindName of ["rule", "serviceMonitor", "podMonitor", "probe", "scrapeConfig"] as const) {
                assert.equal(spec[`${kindName}SelectorNilUsesHelmValues`], false, kindName);
                assert.deepEqual(spec[`${kindName}Selector`], {}, kindName);
                assert.deepEqual(spec[`${kindName}NamespaceSelector`], {}, kindName);
            }
        });

        it("kind: emptyDir, no anti-affinity, control plane and kube-proxy unscraped, no rslave root mount", () => {
            const values = monitoringValues(presets.dev.monitoring, kind, "dev");
            const spec = values.prometheus.prometheusSpec;
            assert.deepEqual(spec.storageSpec, { emptyDir: {} });
            assert.equal(spec.retentionSize, undefined);
            assert.equal(spec.retention, "2d");
            assert.equal(spec.podAntiAffinity, "");
            assert.deepEqual(
                [values.kubeControllerManager.enabled, values.kubeScheduler.enabled, values.kubeEtcd.enabled, values.kubeProxy.enabled],
                [false, false, false, false],
            );
            assert.equal(values["prometheus-node-exporter"].hostRootFsMount.enabled, false);
        });

        it("prod on AKS: managed-csi volume claim, size-based retention floor, hard anti-affinity, PDBs", () => {
            const values = monitoringValues(presets.prod.monitoring, aks, "prod");
            const spec = values.prometheus.prometheusSpec;
            assert.deepEqual(spec.storageSpec, {
                volumeClaimTemplate: { spec: { storageClassName: AKS_STORAGE_CLASS, accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "100Gi" } } } },
            });
            assert.equal(spec.retentionSize, "85GiB");
            assert.deepEqual([spec.replicas, spec.retention, spec.podAntiAffinity], [2, "30d", "hard"]);
            assert.deepEqual([values.alertmanager.alertmanagerSpec.replicas, values.alertmanager.alertmanagerSpec.podAntiAffinity], [3, "hard"]);
            assert.equal(values.prometheus.podDisruptionBudget.enabled, true);
            assert.equal(values.alertmanager.podDisruptionBudget.enabled, true);
            assert.deepEqual(values.grafana.podDisruptionBudget, { minAvailable: 1 });
            assert.equal(values.grafana.replicas, 2);
            assert.equal(values["prometheus-node-exporter"].hostRootFsMount.enabled, true);
        });

        it("keeps an emptyDir when a stack asks for 0 GiB, even on AKS", () => {
            assert.deepEqual(prometheusStorage({ ...presets.prod.monitoring, prometheusStorageGiB: 0 }, "aks"), { storageSpec: { emptyDir: {} } });
        });

        it("scrapes kube-proxy on AKS only without Cilium (which replaces it)", () => {
            assert.equal(monitoringValues(presets.prod.monitoring, aks, "prod").kubeProxy.enabled, false);
            if (aks.kind !== "aks") throw new Error("the prod preset is expected to be AKS");
            const azureNetwork: ClusterConfig = { ...aks, networkPolicy: "azure" };
            assert.equal(monitoringValues(presets.prod.monitoring, azureNetwork, "prod").kubeProxy.enabled, true);
        });

        it("reads Grafana's admin from our Secret and loads dashboards from every namespace", () => {
            const grafana = monitoringValues(presets.dev.monitoring, kind, "dev").grafana;
            assert.deepEqual(grafana.admin, { existingSecret: "grafana-admin", userKey: "admin-user", passwordKey: "admin-password" });
            assert.deepEqual(grafana.sidecar.dashboards, { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: "ALL" });
        });
    });

    describe("alertmanagerConfig", () => {
        const base: MonitoringConfig = presets.dev.monitoring;
        const prod: MonitoringConfig = presets.prod.monitoring;
        const dir = "/etc/alertmanager/secrets/alertmanager-receiver";

        it("routes pages and tickets by the severities the rules emit, Watchdog to the heartbeat, with their timing", () => {
            const { route } = alertmanagerConfig(prod);
            assert.equal(route.receiver, RECEIVERS.ticket, "an unexpected severity still becomes a ticket");
            assert.deepEqual(
                route.routes?.map((r) => [r.receiver, r.matchers, r.group_by, r.group_wait, r.group_interval, r.repeat_interval]),
                [
                    [RECEIVERS.heartbeat, ['alertname = "Watchdog"'], ["alertname"], "0s", "1m", "5m"],
                    [RECEIVERS.null, ['alertname = "InfoInhibitor"'], undefined, undefined, undefined, undefined],
                    // A failing PagerDuty cannot report its own failure: that goes to the ticket channel.
                    [RECEIVERS.ticket, ['alertname =~ "AlertmanagerFailedToSendAlerts|AlertmanagerClusterFailedToSendAlerts"', 'integration = "pagerduty"'], ["namespace"], "30s", "5m", "1h"],
                    [RECEIVERS.page, ['severity =~ "page|critical"'], ["namespace"], "30s", "5m", "1h"],
                    [RECEIVERS.ticket, ['severity =~ "ticket|warning|info"'], ["namespace"], "5m", "30m", "24h"],
                ],
            );
            // Every severity the app's rules emit has a route.
            const severities = new Set(alertRuleGroups(presetSpec("prod")).flatMap((g) => (g.rules ?? []).flatMap((r) => (r.labels?.severity ? [r.labels.severity] : []))));
            assert.deepEqual([...severities].sort(), ["page", "ticket", "warning"]);
            for (const severity of severities) assert.ok([...PAGE_SEVERITIES, ...TICKET_SEVERITIES].includes(severity as never), severity);
        });

        it("without a heartbeat destination Watchdog goes nowhere; without a pager, pages go to the ticket channel", () => {
            const dev = alertmanagerConfig({ ...base, ticketReceiver: "slack", slackChannel: "#dev" });
            assert.equal(dev.route.routes?.[0].receiver, RECEIVERS.null);
            assert.deepEqual(dev.receivers.map((r) => r.name), ["null", "page", "ticket"]);
            const page = dev.receivers.find((r) => r.name === RECEIVERS.page);
            const ticket = dev.receivers.find((r) => r.name === RECEIVERS.ticket);
            assert.deepEqual({ ...page, name: "ticket" }, ticket);
            assert.equal(alertmanagerConfig(base).receivers.every((r) => Object.keys(r).length === 1), true, "dev: no integration at all");
        });

        it("inhibition is scoped to the incident: a page mutes only its own SLO's tickets; the rest is the chart's rule", () => {
            assert.deepEqual(alertmanagerConfig(base).inhibit_rules, [
                { source_matchers: ['severity = "page"', 'slo =~ ".+"'], target_matchers: ['severity = "ticket"', 'slo =~ ".+"'], equal: ["namespace", "job", "slo"] },
                // kube-prometheus-stack's default inhibit_rules (values.yaml alertmanager.config), quoted.
                { source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ["namespace", "alertname"] },
                { source_matchers: ['severity = "warning"'], target_matchers: ['severity = "info"'], equal: ["namespace", "alertname"] },
                { source_matchers: ['alertname = "InfoInhibitor"'], target_matchers: ['severity = "info"'], equal: ["namespace"] },
            ]);
        });

        it("each integration reads its own Secret file, never an inline URL or key; templated integrations get our title and text", () => {
            const config = alertmanagerConfig(prod);
            assert.deepEqual(config.receivers, [
                { name: "null" },
                {
                    name: "page",
                    pagerduty_configs: [{ routing_key_file: `${dir}/page-key`, send_resolved: true, description: '{{ template "platform.title" . }}', details: { alerts: '{{ template "platform.text" . }}' } }],
                },
                {
                    name: "ticket",
                    slack_configs: [{ api_url_file: `${dir}/ticket-url`, channel: "#platform-prod-alerts", send_resolved: true, title: '{{ template "platform.title" . }}', text: '{{ template "platform.text" . }}' }],
                },
                { name: "heartbeat", webhook_configs: [{ url_file: `${dir}/heartbeat-url`, send_resolved: false }] },
            ]);
            const opsgenie = alertmanagerConfig({ ...prod, pageReceiver: "opsgenie", ticketReceiver: "webhook" });
            assert.deepEqual(opsgenie.receivers.find((r) => r.name === "page")?.opsgenie_configs?.[0].api_key_file, `${dir}/page-key`);
            assert.deepEqual(opsgenie.receivers.find((r) => r.name === "ticket")?.webhook_configs, [{ url_file: `${dir}/ticket-url`, send_resolved: true }]);
            assert.equal(destinationFile("page"), `${dir}/page-key`);
            assert.doesNotMatch(JSON.stringify([config, opsgenie]), /"(url|api_url|routing_key|api_key|service_key)"/);
        });

        it("ships the templates the integrations name, with every link a person needs; Prometheus labels every alert with the stack", () => {
            const values = monitoringValues(prod, presets.prod.cluster, "prod");
            const templates = Object.values(values.alertmanager.templateFiles).join("\n");
            for (const name of ["platform.title", "platform.text", "platform.alert", "platform.silence"]) assert.match(templates, new RegExp(`define "${name.replace(".", "\\.")}"`));
            for (const field of [".Annotations.summary", ".Annotations.description", ".Annotations.value", ".Annotations.runbook_url", ".Annotations.dashboard_url", ".GeneratorURL", ".ExternalURL", ".Labels.stack", ".Labels.namespace"]) {
                assert.ok(templates.includes(field), field);
            }
            assert.deepEqual(Object.keys(values.alertmanager.templateFiles), ["platform.tmpl"]);
            assert.deepEqual(values.prometheus.prometheusSpec.externalLabels, { stack: "prod" });
        });

        it("external URLs come from config: Alertmanager's links, Prometheus' alert sources, Grafana's root", () => {
            const urls = { alertmanager: "https://am.example.org", prometheus: "https://prom.example.org", grafana: "https://grafana.example.org" };
            const values = monitoringValues({ ...prod, externalUrls: urls }, presets.prod.cluster, "prod");
            assert.equal(values.alertmanager.alertmanagerSpec.externalUrl, urls.alertmanager);
            assert.equal(values.prometheus.prometheusSpec.externalUrl, urls.prometheus);
            assert.deepEqual(values.grafana["grafana.ini"], { server: { root_url: urls.grafana } });
            assert.deepEqual(presets.dev.monitoring.externalUrls, { alertmanager: "http://localhost:9093", prometheus: "http://localhost:9090", grafana: "http://localhost:3000" });
        });

        it("names the missing Slack channel", () => {
            assert.throws(() => alertmanagerConfig({ ...base, ticketReceiver: "slack" }), /monitoring\.slackChannel = \(missing\)/);
        });
    });

    it("blackbox exporter: the chart's http_2xx module at the address the app's Probe uses, replicated like Prometheus", () => {
        assert.deepEqual(BLACKBOX_EXPORTER, { address: "prometheus-blackbox-exporter.monitoring.svc:9115", httpModule: "http_2xx" });
        assert.deepEqual(blackboxExporterValues(2), { replicas: 2, resources: { requests: { cpu: "10m", memory: "32Mi" }, limits: { memory: "64Mi" } }, podDisruptionBudget: { minAvailable: 1 } });
        assert.deepEqual(blackboxExporterValues(1).podDisruptionBudget, {});
        assert.deepEqual(CHARTS.blackboxExporter, { chart: "prometheus-blackbox-exporter", version: "11.21.1", repo: "https://prometheus-community.github.io/helm-charts" });
    });

    it("CRDs: the chart's upgrade job applies them server-side on every upgrade, with a pinned busybox", () => {
        assert.deepEqual(monitoringValues(presets.prod.monitoring, presets.prod.cluster, "prod").crds, {
            enabled: true,
            upgradeJob: {
                enabled: true,
                forceConflicts: true,
                image: { busybox: { registry: "docker.io", repository: "busybox", tag: "1.37.0" } },
                resources: { requests: { cpu: "50m", memory: "128Mi" }, limits: { memory: "512Mi" } },
            },
        });
    });

    it("secretsStoreValues: sync to Secrets and rotation at the configured interval", () => {
        assert.deepEqual(secretsStoreValues({ ...presets.prod.secretsStore, rotationPollInterval: "5m" }), {
            "secrets-store-csi-driver": { install: true, syncSecret: { enabled: true }, enableSecretRotation: true, rotationPollInterval: "5m" },
        });
    });

    it("keyVaultName: a valid vault name for any stack and any 6-character suffix RandomString can draw", () => {
        const valid = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
        fc.assert(
            fc.property(fc.string({ maxLength: 80 }), fc.stringMatching(/^[a-z0-9]{6}$/), (stack, suffix) => {
                const name = keyVaultName(stack, suffix);
                return name.length >= 3 && name.length <= 24 && valid.test(name) && name.endsWith(`-${suffix}`);
            }),
        );
    });

    it("serviceAccountSubject: the OIDC subject of a ServiceAccount token", () => {
        assert.equal(serviceAccountSubject("app", "greeter"), "system:serviceaccount:app:greeter");
    });

    it("the schema check is not a rubber stamp: a wrong type is rejected", async () => {
        const broken = { ...namespaceManifest("ns", "restricted"), metadata: { name: "ns", labels: { level: 3 } } };
        await assert.rejects(validateK8s(broken));
    });

    it("Argo CD's default deny selects every pod and allows no ingress", async () => {
        const policy = defaultDenyIngress("argocd");
        await validateK8s(policy);
        assert.deepEqual(policy.spec, { podSelector: {}, policyTypes: ["Ingress"] });
    });

    it("namespace and ServiceMonitor manifests pass their schemas", async () => {
        for (const level of ["privileged", "baseline", "restricted"] as const) {
            const manifest = namespaceManifest("ns", level);
            await validateK8s(manifest);
            assert.equal(manifest.metadata.labels["pod-security.kubernetes.io/enforce"], level);
        }
        for (const component of Object.keys(ARGOCD_METRICS_COMPONENTS) as (keyof typeof ARGOCD_METRICS_COMPONENTS)[]) {
            const monitor = argocdServiceMonitor(component, "argocd");
            await validateK8s(monitor);
            assert.deepEqual(monitor.spec.selector.matchLabels, { [ARGOCD_METRICS_LABEL]: ARGOCD_METRICS_COMPONENTS[component] });
        }
    });
});
