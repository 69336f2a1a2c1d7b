import { strict as assert } from "node:assert";
import * as fc from "fast-check";
import { appSourceHash, isHashedSource, localImageTag, readAppSources } from "../../../components/app";
import { checkDisruptionBudget, disruptionBudget, limitRangeDefaults, MEASURED_FOOTPRINT, quotaHard, quotaPlan, SIGNAL_HEADROOM } from "../../../components/app";
import { appAutoscaler, autoscalerSignals, CPU_TARGET_PERCENT, MEMORY_TARGET_PERCENT } from "../../../components/app";
import { workloadSpecFor } from "../../../components/app";
import { appConfigMap, configChecksum } from "../../../components/app";
import { checkShutdownTiming, SHUTDOWN, shutdownSeconds, STARTUP_MARGIN_SEC, startupProbeTiming } from "../../../components/app";
import { appConfig, presetSpec } from "./support";
import { presets } from "../../../stacks";

describe("app: sizing rules", () => {
    it("sizes the quota per stack: (maxReplicas + surge + 1 spare) pods at the app's request and limit", () => {
        assert.deepEqual(quotaPlan(presetSpec("dev").sizing), { pods: 4, requestsCpuMillicores: 200, requestsMemoryMiB: 256, limitsMemoryMiB: 512 });
        assert.deepEqual(quotaPlan(presetSpec("staging").sizing), { pods: 6, requestsCpuMillicores: 600, requestsMemoryMiB: 768, limitsMemoryMiB: 1536 });
        assert.deepEqual(quotaPlan(presetSpec("prod").sizing), { pods: 12, requestsCpuMillicores: 2400, requestsMemoryMiB: 3072, limitsMemoryMiB: 6144 });
        const hard = quotaHard(presetSpec("prod").sizing);
        assert.equal(hard["limits.cpu"], undefined, "no CPU limit quota: it would force CPU limits on every pod");
        assert.equal(hard["services.loadbalancers"], "0");
    });

    it("LimitRange defaults are the app's own request and memory limit, with no CPU limit", () => {
        assert.deepEqual(limitRangeDefaults(presetSpec("staging").sizing), { type: "Container", defaultRequest: { cpu: "100m", memory: "128Mi" }, default: { memory: "256Mi" } });
    });

    it("the PDB allows one eviction at a time and satisfies the HPA-minimum invariant for every minimum", () => {
        for (let min = 1; min <= 50; min++) {
            assert.deepEqual(disruptionBudget(), { maxUnavailable: 1 });
            checkDisruptionBudget(disruptionBudget(), min);
        }
    });

    it("the PDB check rejects budgets that hang drains or protect nothing, with a clear message", () => {
        assert.throws(() => checkDisruptionBudget({ minAvailable: 3 }, 3), {
            message: 'PodDisruptionBudget {"minAvailable":3} with HPA minReplicas 3: minAvailable must be below minReplicas, otherwise no pod can ever be evicted and node drains hang; use at most 2',
        });
        assert.throws(() => checkDisruptionBudget({ maxUnavailable: 0 }, 2), /maxUnavailable 0 blocks every voluntary eviction/);
        assert.throws(() => checkDisruptionBudget({ maxUnavailable: 3 }, 3), /maxUnavailable must be below minReplicas/);
        assert.throws(() => checkDisruptionBudget({ minAvailable: 0 }, 3), /minAvailable 0 protects nothing; use 2/);
        assert.throws(() => checkDisruptionBudget({}, 3), /set exactly one of minAvailable and maxUnavailable/);
        assert.throws(() => checkDisruptionBudget({ minAvailable: 1.5 }, 3), /must be a non-negative integer/);
        checkDisruptionBudget({ minAvailable: 2 }, 3);
        checkDisruptionBudget({ maxUnavailable: 1 }, 1);
    });

    it("the startup probe always allows more than the readiness delay plus margin, and not a period more", () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 600 }), (delay) => {
                const { periodSeconds, failureThreshold } = startupProbeTiming(delay);
                const allowed = periodSeconds * failureThreshold;
                return allowed > delay + STARTUP_MARGIN_SEC && allowed <= delay + STARTUP_MARGIN_SEC + periodSeconds;
            }),
        );
    });

    it("preStop sleep + the service's drain + its shutdown timeout + margin fit in the termination grace period", () => {
        checkShutdownTiming(SHUTDOWN);
        assert.equal(shutdownSeconds(SHUTDOWN), 30);
        assert.throws(() => checkShutdownTiming({ ...SHUTDOWN, serviceDrainSec: 10 }), {
            message: "shutdown timing: preStop 5s + drain 10s + shutdown timeout 17s + margin 3s = 35s exceeds terminationGracePeriodSeconds 30s; the kubelet would SIGKILL mid-drain",
        });
        assert.ok(SHUTDOWN.serviceDrainSec > 0, "every stack drains on the app side");
        assert.deepEqual(appConfigMap(presetSpec("dev")).data, {
            READINESS_DELAY_SEC: "5",
            FAIL_RATE: "0",
            SHUTDOWN_DRAIN_SEC: String(SHUTDOWN.serviceDrainSec),
            SHUTDOWN_TIMEOUT_SEC: String(SHUTDOWN.serviceShutdownTimeoutSec),
        });
    });

    it("autoscaler signals follow the measured footprint: no memory target below the steady state (dev), both above it", () => {
        const metricsOf = (env: "dev" | "staging" | "prod") => appAutoscaler(presetSpec(env)).spec.metrics!.map((m) => [m.resource!.name, m.resource!.target.averageUtilization]);
        assert.deepEqual(metricsOf("dev"), [["cpu", CPU_TARGET_PERCENT]], "dev: 80% of 64Mi is below the service's resident memory");
        assert.deepEqual(metricsOf("staging"), [["cpu", CPU_TARGET_PERCENT], ["memory", MEMORY_TARGET_PERCENT]]);
        assert.deepEqual(metricsOf("prod"), [["cpu", CPU_TARGET_PERCENT], ["memory", MEMORY_TARGET_PERCENT]]);
        fc.assert(
            fc.property(fc.integer({ min: 16, max: 4096 }), (memoryRequestMiB) => {
                const { memory } = autoscalerSignals({ ...presetSpec("prod").sizing, memoryRequestMiB });
                const target = (memoryRequestMiB * MEMORY_TARGET_PERCENT) / 100;
                return memory === target >= MEASURED_FOOTPRINT.steadyStateRssMiB * SIGNAL_HEADROOM;
            }),
        );
    });

    it("refuses a CPU request whose target an idle pod would already reach, naming the key and the minimum", () => {
        assert.throws(() => autoscalerSignals({ ...presetSpec("dev").sizing, cpuRequestMillicores: 10 }), {
            message: "app.cpuRequestMillicores = 10: the HPA's 70% CPU target (7m) is not above an idle pod's measured 6m (x1.25), so the autoscaler would never scale down; request at least 11m",
        });
        autoscalerSignals({ ...presetSpec("dev").sizing, cpuRequestMillicores: 11 });
    });

    it("the config checksum changes with the ConfigMap data, so pods roll on config changes", () => {
        const a = appConfigMap(presetSpec("prod"));
        const b = appConfigMap({ ...presetSpec("prod"), failRate: 0.1 });
        assert.notEqual(configChecksum(a), configChecksum(b));
        assert.equal(configChecksum(a), configChecksum(appConfigMap(presetSpec("prod"))));
    });

    it("workloadSpecFor: plain flags per cluster kind; buildLocally needs the built tag", () => {
        const prod = workloadSpecFor({ stackName: "prod", app: appConfig("prod"), monitoring: presets.prod.monitoring }, { kind: "aks" });
        assert.deepEqual(prod.cluster, { useCsiVolume: true, workloadIdentity: true });
        assert.equal(prod.image, `ghcr.io/example-org/platform/app:0.1.0@sha256:${"0".repeat(64)}`);
        assert.throws(() => workloadSpecFor({ stackName: "dev", app: appConfig("dev"), monitoring: presets.dev.monitoring }, { kind: "kind" }), /app.buildLocally is true for stack "dev" but no image was given/);
        assert.deepEqual(workloadSpecFor({ stackName: "dev", app: appConfig("dev"), monitoring: presets.dev.monitoring }, { kind: "kind" }, { image: "localhost/x:1" }).cluster, { useCsiVolume: false, workloadIdentity: false });
    });
});

describe("app: local image tag", () => {
    it("hashes sources independent of order, ignoring build output and dependencies", () => {
        const files = [
            { path: "src/server.ts", content: "a" },
            { path: "Dockerfile", content: "FROM x" },
        ];
        const hash = appSourceHash(files);
        assert.equal(appSourceHash([...files].reverse()), hash);
        assert.equal(appSourceHash([...files, { path: "node_modules/x/index.js", content: "z" }, { path: "dist/server.js", content: "y" }, { path: "build/t.js", content: "w" }]), hash);
        assert.notEqual(appSourceHash([{ ...files[0], content: "b" }, files[1]]), hash);
        assert.notEqual(appSourceHash([{ path: "src/server2.ts", content: "a" }, files[1]]), hash, "a rename is a change");
        assert.ok(isHashedSource("src/a.ts") && !isHashedSource("app.log") && !isHashedSource("a/node_modules/b"));
        assert.match(localImageTag(hash), /^localhost\/platform-app:src-[0-9a-f]{12}$/);
    });

    it("reads the real app/ without node_modules or dist, including the Dockerfile and sources", () => {
        const paths = readAppSources().map((f) => f.path);
        assert.ok(paths.includes("Dockerfile") && paths.some((p) => p.startsWith("src/")));
        assert.ok(!paths.some((p) => /(^|\/)(node_modules|dist|build)\//.test(p)));
    });
});
