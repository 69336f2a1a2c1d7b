import { strict as assert } from "node:assert";
import { unpinnedImage } from "../../policy/rules";
import { appContainer, containerOf, deployment, DEV, hpa, k8s, messages, podSpec, PROD, specOf, STAGING } from "./fixtures";

const WORKLOAD_RULES = ["pod-security-restricted", "workload-resources", "workload-probes", "image-pinned", "topology-spread", "no-cpu-limits"];

describe("policy rules: workloads", () => {
    it("a compliant Deployment passes every workload rule", () => {
        for (const id of WORKLOAD_RULES) assert.deepEqual(messages(id, deployment()), [], id);
    });

    it("objects that are not workloads are ignored", () => {
        const service = k8s("v1", "Service", "greeter", { ports: [{ port: 80 }] });
        const release = { type: "kubernetes:helm.sh/v3:Release", name: "monitoring", props: { chart: "kube-prometheus-stack" }, protect: false };
        for (const id of WORKLOAD_RULES) assert.deepEqual(messages(id, [service, release]), [], id);
    });

    describe("pod-security-restricted", () => {
        it("requires runAsNonRoot on the pod or the container (exact message)", () => {
            const bad = deployment();
            delete specOf(bad).securityContext.runAsNonRoot;
            assert.deepEqual(messages("pod-security-restricted", bad), [
                `Deployment "greeter-deployment": container "app" must run with securityContext.runAsNonRoot: true (Pod Security "restricted"). Fix: set runAsNonRoot: true on the pod or container securityContext.`,
            ]);
            containerOf(bad).securityContext.runAsNonRoot = true;
            assert.deepEqual(messages("pod-security-restricted", bad), []);
        });

        it("a container-level runAsNonRoot: false overrides the pod", () => {
            const bad = deployment();
            containerOf(bad).securityContext.runAsNonRoot = false;
            assert.equal(messages("pod-security-restricted", bad).length, 1);
        });

        it("requires allowPrivilegeEscalation: false (exact message)", () => {
            const bad = deployment();
            delete containerOf(bad).securityContext.allowPrivilegeEscalation;
            assert.deepEqual(messages("pod-security-restricted", bad), [
                `Deployment "greeter-deployment": container "app" must set securityContext.allowPrivilegeEscalation: false (Pod Security "restricted"), found unset. Fix: set it to false.`,
            ]);
        });

        it("requires dropping ALL capabilities and adds at most NET_BIND_SERVICE", () => {
            const noDrop = deployment();
            containerOf(noDrop).securityContext.capabilities = { drop: ["NET_RAW"] };
            assert.match(messages("pod-security-restricted", noDrop)[0], /must drop all capabilities .* found drop \["NET_RAW"\]/);
            const added = deployment();
            containerOf(added).securityContext.capabilities = { drop: ["ALL"], add: ["NET_BIND_SERVICE", "SYS_ADMIN"] };
            assert.deepEqual(messages("pod-security-restricted", added), [
                `Deployment "greeter-deployment": container "app" adds capabilities ["SYS_ADMIN"]; only NET_BIND_SERVICE is allowed (Pod Security "restricted"). Fix: remove them from capabilities.add.`,
            ]);
        });

        it("requires a RuntimeDefault (or Localhost) seccomp profile, pod or container", () => {
            const bad = deployment();
            delete specOf(bad).securityContext.seccompProfile;
            assert.match(messages("pod-security-restricted", bad)[0], /seccompProfile.type RuntimeDefault .* found unset/);
            containerOf(bad).securityContext.seccompProfile = { type: "Unconfined" };
            assert.match(messages("pod-security-restricted", bad)[0], /found "Unconfined"/);
            containerOf(bad).securityContext.seccompProfile = { type: "Localhost", localhostProfile: "profiles/app.json" };
            assert.deepEqual(messages("pod-security-restricted", bad), []);
        });

        it("requires a read-only root filesystem", () => {
            const bad = deployment();
            containerOf(bad).securityContext.readOnlyRootFilesystem = false;
            assert.match(messages("pod-security-restricted", bad)[0], /container "app" must set securityContext.readOnlyRootFilesystem: true/);
        });

        it("rejects privileged containers, root UIDs and host namespaces", () => {
            const bad = deployment();
            containerOf(bad).securityContext.privileged = true;
            containerOf(bad).securityContext.runAsUser = 0;
            specOf(bad).hostNetwork = true;
            const found = messages("pod-security-restricted", bad);
            assert.equal(found.length, 3);
            assert.match(found.join("\n"), /sets hostNetwork: true/);
            assert.match(found.join("\n"), /container "app" sets runAsUser: 0/);
            assert.match(found.join("\n"), /container "app" is privileged/);
        });

        for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
            it(`rejects ${field}: true on its own, and accepts ${field}: false (exact message)`, () => {
                const bad = deployment();
                specOf(bad)[field] = true;
                assert.deepEqual(messages("pod-security-restricted", bad), [
                    `Deployment "greeter-deployment": the pod sets ${field}: true, which shares the node's namespaces (Pod Security "restricted"). Fix: remove ${field}.`,
                ]);
                specOf(bad)[field] = false;
                assert.deepEqual(messages("pod-security-restricted", bad), []);
            });
        }

        it("checks init containers too", () => {
            const bad = deployment();
            specOf(bad).initContainers = [{ name: "migrate", image: "ghcr.io/example-org/migrate:1.0.0" }];
            const found = messages("pod-security-restricted", bad);
            // runAsNonRoot and seccomp come from the pod securityContext; the rest is per container.
            assert.equal(found.length, 3, found.join("\n"));
            assert.ok(found.every((message) => message.includes(`init container "migrate"`)));
        });

        it("reads the pod template of every workload kind (StatefulSet, DaemonSet, Job, CronJob, Pod)", () => {
            const insecure = { containers: [{ name: "x", image: "busybox:1.37.0" }] };
            const kinds = [
                k8s("apps/v1", "StatefulSet", "db", { template: { spec: insecure } }),
                k8s("apps/v1", "DaemonSet", "agent", { template: { spec: insecure } }),
                k8s("batch/v1", "Job", "once", { template: { spec: insecure } }),
                k8s("batch/v1", "CronJob", "nightly", { jobTemplate: { spec: { template: { spec: insecure } } } }),
                k8s("v1", "Pod", "debug", insecure),
            ];
            for (const workload of kinds) assert.ok(messages("pod-security-restricted", workload).length > 0, workload.name);
        });
    });

    describe("workload-resources", () => {
        it("requires cpu and memory requests and a memory limit (exact message)", () => {
            const bad = deployment();
            containerOf(bad).resources = { requests: { cpu: "100m", memory: "128Mi" } };
            assert.deepEqual(messages("workload-resources", bad), [
                `Deployment "greeter-deployment": container "app" has no resources.limits.memory; a leak would take memory from every pod on the node. Fix: set resources.limits.memory.`,
            ]);
            delete containerOf(bad).resources;
            assert.equal(messages("workload-resources", bad).length, 3);
        });
    });

    describe("workload-probes", () => {
        it("requires readiness and liveness probes on serving containers", () => {
            const bad = deployment();
            delete containerOf(bad).readinessProbe;
            delete containerOf(bad).livenessProbe;
            const found = messages("workload-probes", bad);
            assert.equal(found.length, 2);
            assert.match(found[0], /container "app" has no readinessProbe/);
            assert.match(found[1], /container "app" has no livenessProbe/);
        });

        it("does not ask Jobs or init containers for probes", () => {
            const job = k8s("batch/v1", "Job", "migrate", { template: { spec: { ...podSpec(), containers: [{ ...appContainer(), readinessProbe: undefined, livenessProbe: undefined }] } } });
            assert.deepEqual(messages("workload-probes", job), []);
            const withInit = deployment();
            specOf(withInit).initContainers = [{ name: "wait", image: "busybox:1.37.0" }];
            assert.deepEqual(messages("workload-probes", withInit), []);
        });
    });

    describe("image-pinned", () => {
        it("accepts explicit tags and digests", () => {
            for (const image of ["ghcr.io/example-org/platform/app:0.1.0", "localhost/platform-app:0.1.0", "registry.local:5000/app:1.2", `busybox@sha256:${"a".repeat(64)}`, `kindest/node:v1.33.1@sha256:${"0".repeat(64)}`]) {
                assert.equal(unpinnedImage(image), undefined, image);
            }
        });

        it("rejects latest, untagged and missing images (exact message)", () => {
            assert.equal(unpinnedImage("nginx"), `image "nginx" has no tag, which means "latest"`);
            assert.equal(unpinnedImage("registry.local:5000/app"), `image "registry.local:5000/app" has no tag, which means "latest"`);
            assert.equal(unpinnedImage("ghcr.io/example-org/app:latest"), `image "ghcr.io/example-org/app:latest" uses the mutable tag "latest"`);
            assert.equal(unpinnedImage(""), "has no image");
            const bad = deployment();
            containerOf(bad).image = "nginx:latest";
            assert.deepEqual(messages("image-pinned", bad), [
                `Deployment "greeter-deployment": container "app" image "nginx:latest" uses the mutable tag "latest"; what runs would change without a change in this repo. Fix: use an explicit version tag or a digest (name@sha256:...).`,
            ]);
        });
    });

    describe("image-digest", () => {
        const digest = `ghcr.io/example-org/platform/app:0.1.0@sha256:${"ab".repeat(32)}`;

        it("staging and prod refuse a tag-only image (exact message), and accept tag@digest or a bare digest", () => {
            const tagged = deployment();
            containerOf(tagged).image = "ghcr.io/example-org/platform/app:0.1.0";
            assert.deepEqual(messages("image-digest", tagged, PROD), [
                `Deployment "greeter-deployment": container "app" image "ghcr.io/example-org/platform/app:0.1.0" is not named by digest; in prod a tag can be moved to other bytes by anyone who can push to the registry. Fix: name the image as registry/name:tag@sha256:<digest> (app-image.yml prints the digest it published).`,
            ]);
            assert.equal(messages("image-digest", tagged, STAGING).length, 1);
            for (const image of [digest, `busybox@sha256:${"a".repeat(64)}`]) {
                const pinned = deployment();
                containerOf(pinned).image = image;
                assert.deepEqual(messages("image-digest", pinned, PROD), [], image);
            }
        });

        it("checks init containers too, and a truncated digest is not a digest", () => {
            const bad = deployment();
            containerOf(bad).image = digest;
            specOf(bad).initContainers = [{ name: "wait", image: `busybox:1.37.0@sha256:${"a".repeat(63)}` }];
            assert.equal(messages("image-digest", bad, PROD).length, 1);
        });

        it("dev may run a tag (a locally built image has no registry digest)", () => {
            const local = deployment();
            containerOf(local).image = "localhost/platform-app:0.1.0";
            assert.deepEqual(messages("image-digest", local, DEV), []);
        });
    });

    describe("advisory", () => {
        it("hpa-min-replicas: below 2 outside dev, with the default of 1 when unset", () => {
            assert.deepEqual(messages("hpa-min-replicas", hpa(1), STAGING), [
                `HorizontalPodAutoscaler "greeter-horizontalpodautoscaler" has minReplicas 1 in staging; with one pod every rollout, eviction or crash is an outage. Fix: set minReplicas to at least 2 outside dev.`,
            ]);
            assert.equal(messages("hpa-min-replicas", hpa(), PROD).length, 1);
            assert.deepEqual(messages("hpa-min-replicas", hpa(1), DEV), []);
            assert.deepEqual(messages("hpa-min-replicas", hpa(3), PROD), []);
        });

        it("topology-spread: a Deployment without spread constraints", () => {
            const bad = deployment();
            delete specOf(bad).topologySpreadConstraints;
            assert.match(messages("topology-spread", bad)[0], /^Deployment "greeter-deployment" has no topologySpreadConstraints/);
        });

        it("no-cpu-limits: a CPU limit is reported", () => {
            const bad = deployment();
            containerOf(bad).resources.limits.cpu = "500m";
            assert.match(messages("no-cpu-limits", bad)[0], /container "app" sets resources.limits.cpu "500m"/);
        });
    });
});
