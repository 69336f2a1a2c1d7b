// What each delivery path hands the cluster, checked for rollouts and secret changes: dev's Deployment and
// ConfigMap as the direct path creates them (synth of the committed stack), staging's and prod's as Argo CD
// applies them (deploy/<stack>/, the gitops render). On each: preStop + drain + shutdown timeout fit the grace
// period; the greeting arrives as a file of the mounted Secret, not an env var; and the real service, started
// with that pod's environment over a Secret volume laid out as the kubelet does, serves a changed greeting.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import { parse } from "yaml";
import { secretVolume } from "../../../app/test/helpers/secret-volume";
import { manifestPath } from "../../../components/app";
import { GREETING_SECRET } from "../../../components/app";
import { revealSecrets } from "../../../synth";
import { ROOT } from "../../../synth";
import { one, synthOnce } from "../../support/stacks";
import { compileApp, startLiveApp } from "../../support/live/app";
import { request } from "../../support/live/process";

interface Delivered {
    path: "direct" | "gitops";
    deployment: IDeployment;
    configMap: IConfigMap;
}

async function delivered(stack: string): Promise<Delivered> {
    const dir = path.join(ROOT, manifestPath(stack));
    if (fs.existsSync(dir)) {
        const read = <T>(file: string) => parse(fs.readFileSync(path.join(dir, file), "utf8")) as T;
        return { path: "gitops", deployment: read<IDeployment>("deployment-greeter.yaml"), configMap: read<IConfigMap>("configmap-greeter-config.yaml") };
    }
    const result = await synthOnce(stack);
    return {
        path: "direct",
        deployment: revealSecrets(one(result, "kubernetes:apps/v1:Deployment").inputs) as IDeployment,
        configMap: revealSecrets(one(result, "kubernetes:core/v1:ConfigMap", "app-configmap-greeter-config").inputs) as IConfigMap,
    };
}

const STACKS = ["dev", "staging", "prod"];

describe("app: the delivered pod drains inside its grace period and follows greeting changes", () => {
    let entry: string | undefined;
    before(() => {
        entry = compileApp();
    });
    after(() => {
        if (entry) fs.rmSync(path.dirname(entry), { recursive: true, force: true });
    });

    for (const stack of STACKS) {
        describe(stack, () => {
            let pod: Delivered;
            before(async () => {
                pod = await delivered(stack);
            });
            const container = () => pod.deployment.spec!.template.spec!.containers[0];
            const env = () => Object.fromEntries((container().env ?? []).map((e) => [e.name, e.value]));

            it("is delivered the way the stack says (dev: direct, staging and prod: gitops)", () => {
                assert.equal(pod.path, stack === "dev" ? "direct" : "gitops");
            });

            it("preStop sleep + SHUTDOWN_DRAIN_SEC + SHUTDOWN_TIMEOUT_SEC <= terminationGracePeriodSeconds, with a drain", () => {
                const grace = pod.deployment.spec!.template.spec!.terminationGracePeriodSeconds!;
                const preStop = Number(container().lifecycle?.preStop?.sleep?.seconds);
                const drain = Number(pod.configMap.data?.SHUTDOWN_DRAIN_SEC);
                const timeout = Number(pod.configMap.data?.SHUTDOWN_TIMEOUT_SEC);
                assert.ok([grace, preStop, drain, timeout].every(Number.isFinite), JSON.stringify({ grace, preStop, drain, timeout }));
                assert.ok(drain > 0, "the app drains keep-alive connections after SIGTERM");
                assert.ok(preStop + drain + timeout <= grace, `preStop ${preStop} + drain ${drain} + timeout ${timeout} > grace ${grace}`);
            });

            it("mounts the greeting Secret (no subPath, which the kubelet never updates) where GREETING_FILE points; no GREETING env var", () => {
                const podSpec = pod.deployment.spec!.template.spec!;
                const file = env().GREETING_FILE;
                assert.ok(typeof file === "string", "GREETING_FILE is set");
                assert.ok(!(container().env ?? []).some((e) => e.name === "GREETING"), "an env var from a Secret never changes in a running container");
                const volume = (podSpec.volumes ?? []).find((v) => v.secret?.secretName === GREETING_SECRET.name);
                assert.ok(volume, `a volume of Secret ${GREETING_SECRET.name}`);
                const mount = (container().volumeMounts ?? []).find((m) => m.name === volume.name);
                assert.ok(mount && mount.subPath === undefined && mount.readOnly === true);
                assert.equal(file, `${mount.mountPath}/${GREETING_SECRET.key}`);
            });

            it("the real service with this pod's environment serves a changed Secret without a restart", async function () {
                if (entry === undefined) this.skip();
                const mountPath = path.posix.dirname(env().GREETING_FILE!);
                const volume = secretVolume(GREETING_SECRET.key, `${stack} greeting one\n`);
                const podEnv: Record<string, string> = { ...(pod.configMap.data ?? {}) };
                for (const [name, value] of Object.entries(env())) if (value !== undefined) podEnv[name] = value;
                // The pod's own values, except where the Secret is mounted (a temp dir here) and a short reload interval.
                podEnv.GREETING_FILE = podEnv.GREETING_FILE.replace(mountPath, volume.dir);
                podEnv.GREETING_RELOAD_SEC = "0.2";
                const app = await startLiveApp(entry, podEnv);
                try {
                    assert.equal((await request(`${app.baseUrl}/`)).body, `${stack} greeting one\n`);
                    volume.update(`${stack} greeting two\n`);
                    const deadline = Date.now() + 5000;
                    let body = "";
                    while (Date.now() < deadline && (body = (await request(`${app.baseUrl}/`)).body) !== `${stack} greeting two\n`) {
                        await new Promise((r) => setTimeout(r, 50));
                    }
                    assert.equal(body, `${stack} greeting two\n`);
                } finally {
                    await app.stop();
                    volume.remove();
                }
            });
        });
    }

    it("the Secret the pod mounts is the one each stack's landing zone provides (kind: created; AKS: synced from Key Vault)", async () => {
        const dev = await synthOnce("dev");
        const secret = revealSecrets(one(dev, "kubernetes:core/v1:Secret", "app-greeting").inputs) as { metadata: { name: string }; stringData: Record<string, string> };
        assert.equal(secret.metadata.name, GREETING_SECRET.name);
        assert.deepEqual(Object.keys(secret.stringData), [GREETING_SECRET.key]);
        for (const stack of ["staging", "prod"]) {
            const result = await synthOnce(stack);
            const spc = revealSecrets(one(result, "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass").inputs) as {
                spec: { secretObjects: { secretName: string; data: { key: string }[] }[] };
            };
            assert.deepEqual(
                spc.spec.secretObjects.map((o) => [o.secretName, o.data.map((d) => d.key)]),
                [[GREETING_SECRET.name, [GREETING_SECRET.key]]],
                `${stack}: the CSI driver syncs the mounted Secret`,
            );
        }
    });
});
