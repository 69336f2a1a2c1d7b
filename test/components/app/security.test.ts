// The security and availability checklist, per stack preset: what a Kubernetes / AKS security review asks.
import { strict as assert } from "node:assert";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import { appNamespace, appServiceAccount } from "../../../components/app";
import { networkPolicies } from "../../../components/app";
import { checkDisruptionBudget } from "../../../components/app";
import { buildWorkload, type WorkloadObject } from "../../../components/app";
import { STARTUP_MARGIN_SEC } from "../../../components/app";
import { ENVIRONMENTS, presetSpec } from "./support";

const of = <T extends WorkloadObject>(objects: WorkloadObject[], kind: string) => objects.filter((o) => o.kind === kind) as T[];
/** Volume types the Pod Security `restricted` profile allows. */
const RESTRICTED_VOLUMES = ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

describe("app: security and availability checklist", () => {
    for (const env of ENVIRONMENTS) {
        describe(env, () => {
            const spec = presetSpec(env);
            const objects = buildWorkload(spec);
            const deployments = of<IDeployment>(objects, "Deployment");
            const [deployment] = deployments;
            const pod = deployment.spec!.template.spec!;
            const [container] = pod.containers;

            it("namespace enforces, audits and warns Pod Security `restricted`", () => {
                const labels = appNamespace(spec).metadata!.labels!;
                for (const mode of ["enforce", "audit", "warn"]) {
                    assert.equal(labels[`pod-security.kubernetes.io/${mode}`], "restricted", mode);
                    assert.match(labels[`pod-security.kubernetes.io/${mode}-version`], /^(latest|v1\.\d+)$/);
                }
            });

            it("pod and container meet the restricted profile", () => {
                assert.equal(pod.securityContext?.runAsNonRoot, true);
                assert.equal(pod.securityContext?.seccompProfile?.type, "RuntimeDefault");
                assert.equal(pod.automountServiceAccountToken, false);
                assert.equal(appServiceAccount(spec).automountServiceAccountToken, false);
                assert.ok(!pod.hostNetwork && !pod.hostPID && !pod.hostIPC, "no host namespaces");
                for (const volume of pod.volumes ?? []) {
                    const types = Object.keys(volume).filter((k) => k !== "name");
                    assert.ok(types.every((t) => RESTRICTED_VOLUMES.includes(t)), `volume ${volume.name} (${types.join()}) is allowed by restricted`);
                }
                for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
                    const sc = c.securityContext!;
                    assert.equal(sc.allowPrivilegeEscalation, false, `${c.name}: allowPrivilegeEscalation`);
                    assert.deepEqual(sc.capabilities?.drop, ["ALL"], `${c.name}: drops ALL capabilities`);
                    assert.ok(!sc.capabilities?.add?.length, `${c.name}: adds none`);
                    assert.equal(sc.readOnlyRootFilesystem, true);
                    assert.equal(sc.runAsNonRoot, true);
                    assert.ok((sc.runAsUser ?? 0) > 0 && (sc.runAsGroup ?? 0) > 0, "numeric non-root user and group");
                    assert.notEqual(sc.privileged, true);
                    assert.ok(!c.ports?.some((p) => p.hostPort), "no host ports");
                }
            });

            it("requests CPU and memory, limits memory at or above the request, and sets no CPU limit", () => {
                const { requests, limits } = container.resources!;
                assert.equal(requests?.cpu, `${spec.sizing.cpuRequestMillicores}m`);
                assert.equal(requests?.memory, `${spec.sizing.memoryRequestMiB}Mi`);
                assert.equal(limits?.memory, `${spec.sizing.memoryLimitMiB}Mi`);
                assert.ok(spec.sizing.memoryLimitMiB >= spec.sizing.memoryRequestMiB);
                assert.equal(limits?.cpu, undefined, "no CPU limit (throttling)");
            });

            it("has startup, readiness and liveness probes; the startup probe outlasts the readiness delay", () => {
                assert.equal(container.startupProbe?.httpGet?.path, "/readyz");
                assert.equal(container.readinessProbe?.httpGet?.path, "/readyz");
                assert.equal(container.livenessProbe?.httpGet?.path, "/healthz");
                const startup = container.startupProbe;
                assert.ok(startup.failureThreshold! * startup.periodSeconds! > spec.readinessDelaySec + STARTUP_MARGIN_SEC);
                const grace = pod.terminationGracePeriodSeconds!;
                assert.ok(container.lifecycle?.preStop?.sleep && container.lifecycle.preStop.sleep.seconds < grace);
            });

            it("pins the image: explicit tag or digest, never `latest`", () => {
                for (const c of pod.containers) {
                    assert.ok(!/:latest(@|$)/.test(c.image!), `${c.image} uses latest`);
                    assert.ok(/@sha256:[0-9a-f]{64}$/.test(c.image!) || /:[\w][\w.-]*$/.test(c.image!.split("/").pop()!), `${c.image} has a tag or digest`);
                }
            });

            it("isolates the namespace: default deny in both directions, ingress only on the app port", () => {
                const policies: INetworkPolicy[] = networkPolicies(spec);
                assert.ok(policies.every((p) => p.metadata?.namespace === spec.namespace));
                const deny = policies.find((p) => p.spec?.policyTypes?.includes("Ingress") && p.spec.policyTypes.includes("Egress") && !p.spec.ingress && !p.spec.egress);
                assert.ok(deny, "a default-deny policy for Ingress and Egress");
                assert.deepEqual(deny.spec!.podSelector, {}, "it selects every pod");
                const port = container.ports![0].containerPort;
                for (const rule of policies.flatMap((p) => p.spec?.ingress ?? [])) {
                    assert.deepEqual(rule.ports?.map((p) => p.port), [port], "ingress opens only the app port");
                }
                for (const rule of policies.flatMap((p) => p.spec?.egress ?? [])) {
                    assert.deepEqual(rule.ports?.map((p) => p.port), [53, 53], "egress opens DNS only");
                }
            });

            it("admits the app port from its own namespace and from Prometheus's namespace, and nothing else", () => {
                // Stated literally: Prometheus (kube-prometheus-stack) runs in `monitoring`, the app listens on 8000
                // (app/src/config.ts), and the namespace name label is the one the API server sets on every namespace.
                const ingress = networkPolicies(spec).flatMap((p) => (p.spec?.ingress ?? []).map((rule) => ({ policy: p.metadata!.name, pods: p.spec!.podSelector, ...rule })));
                assert.deepEqual(ingress, [
                    {
                        policy: "allow-http-ingress",
                        pods: { matchLabels: deployment.spec!.selector.matchLabels },
                        from: [{ podSelector: {} }, { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }],
                        ports: [{ protocol: "TCP", port: 8000 }],
                    },
                ]);
            });

            it("lets pods resolve names through kube-dns and reach nothing else", () => {
                const egress = networkPolicies(spec).flatMap((p) => (p.spec?.egress ?? []).map((rule) => ({ policy: p.metadata!.name, pods: p.spec!.podSelector, ...rule })));
                assert.deepEqual(egress, [
                    {
                        policy: "allow-dns-egress",
                        pods: {},
                        to: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } }],
                        ports: [
                            { protocol: "UDP", port: 53 },
                            { protocol: "TCP", port: 53 },
                        ],
                    },
                ]);
            });

            it("has a PDB per Deployment, consistent with the HPA minimum; the HPA owns the replica count", () => {
                const pdbs = of<IPodDisruptionBudget>(objects, "PodDisruptionBudget");
                const [hpa] = of<IHorizontalPodAutoscaler>(objects, "HorizontalPodAutoscaler");
                for (const d of deployments) {
                    const matching = pdbs.filter((p) => JSON.stringify(p.spec?.selector) === JSON.stringify(d.spec?.selector));
                    assert.equal(matching.length, 1, `one PDB selects Deployment ${d.metadata?.name}`);
                    const pdb = matching[0].spec!;
                    checkDisruptionBudget({ minAvailable: pdb.minAvailable as number | undefined, maxUnavailable: pdb.maxUnavailable as number | undefined }, hpa.spec.minReplicas!);
                    assert.equal(pdb.unhealthyPodEvictionPolicy, "AlwaysAllow");
                    assert.equal(d.spec?.replicas, undefined, "no replicas field: the HPA owns it");
                }
                assert.equal(hpa.spec?.scaleTargetRef.name, deployment.metadata?.name);
                assert.equal(hpa.spec?.minReplicas, spec.sizing.minReplicas);
                assert.equal(hpa.spec?.maxReplicas, spec.sizing.maxReplicas);
                if (env !== "dev") assert.ok(hpa.spec.minReplicas >= 2, `${env}: at least 2 replicas outside dev`);
            });

            it("schedules onto workload nodes and spreads across zones and nodes", () => {
                assert.deepEqual(pod.nodeSelector, { "platform/workload": "true" });
                assert.deepEqual(pod.topologySpreadConstraints?.map((t) => [t.topologyKey, t.whenUnsatisfiable]), [
                    ["topology.kubernetes.io/zone", "ScheduleAnyway"],
                    ["kubernetes.io/hostname", "ScheduleAnyway"],
                ]);
            });

            it("keeps the greeting out of the ConfigMap and the pod spec; it comes from the mounted Secret", () => {
                const env_ = container.env ?? [];
                assert.equal(env_.find((e) => e.name === "GREETING"), undefined);
                assert.deepEqual(env_.find((e) => e.name === "GREETING_FILE"), { name: "GREETING_FILE", value: "/etc/greeter/greeting/GREETING" });
                assert.deepEqual(pod.volumes?.find((v) => v.name === "greeting"), { name: "greeting", secret: { secretName: "greeter-greeting", defaultMode: 0o440 } });
                assert.deepEqual(container.volumeMounts?.find((m) => m.name === "greeting"), { name: "greeting", mountPath: "/etc/greeter/greeting", readOnly: true });
                const configMaps = objects.filter((o) => o.kind === "ConfigMap");
                assert.ok(configMaps.every((c) => !JSON.stringify(c).includes("GREETING\"")), "no GREETING key in a ConfigMap");
            });
        });
    }
});
