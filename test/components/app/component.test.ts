import { strict as assert } from "node:assert";
import { AppComponent } from "../../../components/app";
import { secretProviderClassSchema } from "../../../components/app";
import { isRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { dependencyNames, redactSecrets, revealSecrets, synthesize, type RecordedResource, type SynthResult } from "../../../synth";
import type { Environment } from "../../../stacks";
import type { AppConfig } from "../../../stacks";
import { dig, fakeHandles, GREETING_MARKER, stackConfig, SYNTH_CLIENT_ID, validateObject } from "./support";

function synthApp(env: Environment, overrides: Partial<AppConfig> = {}): Promise<SynthResult> {
    return synthesize({
        project: "platform",
        stack: env,
        config: {},
        program: () => {
            const config = stackConfig(env, overrides);
            const { cluster, platform } = fakeHandles(config.cluster.kind);
            const app = new AppComponent("app", { config, cluster, platform }, { provider: cluster.provider });
            return Promise.resolve({ namespace: app.namespace, serviceName: app.serviceName });
        },
    });
}

const ofApp = (result: SynthResult) => result.resources.filter((r) => r.name.startsWith("app-") || r.name === "app");
const named = (result: SynthResult, name: string): RecordedResource => {
    const found = result.resources.filter((r) => r.name === name);
    assert.equal(found.length, 1, `exactly one resource named ${name}; have ${result.resources.map((r) => r.name).join(", ")}`);
    return found[0];
};
const urnOf = (result: SynthResult, name: string) => named(result, name).urn;

/** Every occurrence of the marker must sit inside a secret wrapper. */
function assertGreetingOnlyInSecrets(result: SynthResult): void {
    for (const resource of result.resources) {
        const plain = JSON.stringify(redactSecrets(resource.inputs));
        assert.ok(!plain.includes(GREETING_MARKER), `${resource.name}: the greeting appears outside a secret`);
    }
    assert.ok(!JSON.stringify(redactSecrets(result.outputs)).includes(GREETING_MARKER), "the greeting appears in a plain stack output");
}

const KIND_NAMES = [
    "app",
    "app-image",
    "app-namespace",
    "app-serviceaccount",
    "app-greeting",
    "app-networkpolicy-default-deny",
    "app-networkpolicy-allow-http-ingress",
    "app-networkpolicy-allow-dns-egress",
    "app-resourcequota",
    "app-limitrange",
    "app-configmap-greeter-config",
    "app-deployment-greeter",
    "app-service-greeter",
    "app-horizontalpodautoscaler-greeter",
    "app-poddisruptionbudget-greeter",
    "app-probe-greeter",
    "app-servicemonitor-greeter",
    "app-prometheusrule-greeter",
    "app-configmap-greeter-dashboard",
];

describe("app component under synth", () => {
    let kind: SynthResult;
    let aks: SynthResult;
    let gitops: SynthResult;
    before(async () => {
        kind = await synthApp("dev");
        aks = await synthApp("prod", { delivery: "direct" });
        gitops = await synthApp("staging", { gitops: { repoUrl: "https://github.com/o/platform.git", targetRevision: "main" } });
    });

    it("kind, direct delivery: creates the landing zone, the local image build and every workload object", () => {
        assert.deepEqual(ofApp(kind).map((r) => r.name).sort(), [...KIND_NAMES].sort());
        assert.equal(named(kind, "app").type, "platform:app:AppComponent");
        for (const resource of ofApp(kind).filter((r) => r.type.startsWith("kubernetes:"))) {
            assert.match(resource.options.provider, /cluster-provider/, `${resource.name} uses the cluster's provider`);
            assert.equal(resource.parent, urnOf(kind, "app"), `${resource.name} is a child of the component`);
        }
        assert.deepEqual(kind.outputs, { namespace: "app", serviceName: "greeter" });
    });

    it("kind: the Deployment runs the locally built, source-hashed tag and waits for the build", () => {
        const image = named(kind, "app-image");
        assert.equal(image.type, "command:local:Command");
        const tag = (image.inputs.environment as Record<string, string>).IMAGE;
        assert.match(tag, /^localhost\/platform-app:src-[0-9a-f]{12}$/);
        assert.equal((image.inputs.triggers as string[])[0].slice(0, 12), tag.slice(-12), "the trigger is the source hash");
        assert.ok(dependencyNames(image).includes("cluster-ready"), "the build waits for the kind cluster");
        const deployment = named(kind, "app-deployment-greeter");
        assert.equal(dig(deployment.inputs, "spec", "template", "spec", "containers", 0, "image"), tag);
        assert.ok(dependencyNames(deployment).includes("app-image"));
    });

    it("kind: the greeting is a Kubernetes Secret whose value stays a secret", () => {
        const secret = named(kind, "app-greeting");
        assert.equal(secret.type, "kubernetes:core/v1:Secret");
        const stringData = secret.inputs.stringData;
        assert.ok(isRpcSecret(stringData) || isRpcSecret((stringData as Record<string, unknown>).GREETING), "stringData is wrapped as secret");
        assert.deepEqual(dig(revealSecrets(secret.inputs), "stringData"), { GREETING: GREETING_MARKER });
        assertGreetingOnlyInSecrets(kind);
    });

    it("workload objects depend on the landing zone; custom resources also on the monitoring release", () => {
        const landingZone = ["app-namespace", "app-serviceaccount", "app-greeting", "app-networkpolicy-default-deny", "app-resourcequota", "app-limitrange"];
        for (const name of KIND_NAMES.filter((n) => /^app-(configmap|deployment|service-|horizontal|poddisruption|servicemonitor|prometheusrule)/.test(n))) {
            const deps = dependencyNames(named(kind, name));
            for (const lz of landingZone) assert.ok(deps.includes(lz), `${name} depends on ${lz}`);
            const isCr = /servicemonitor|prometheusrule/.test(name);
            assert.equal(deps.includes("kube-prometheus-stack"), isCr, `${name} ${isCr ? "must" : "need not"} wait for the monitoring release`);
        }
        for (const name of landingZone.slice(1)) assert.ok(dependencyNames(named(kind, name)).includes("app-namespace"), `${name} waits for the namespace`);
        assert.ok(dependencyNames(named(kind, "app-namespace")).includes("cluster-ready"), "the namespace waits for the cluster");
    });

    it("AKS: SecretProviderClass with workload identity, on the secrets-store release; CSI volume and identity label on the pod", () => {
        const names = ofApp(aks).map((r) => r.name);
        assert.ok(!names.includes("app-greeting") && !names.includes("app-image"), "no plain Secret and no local build on AKS");
        const spc = named(aks, "app-secretproviderclass");
        assert.equal(spc.type, "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass");
        secretProviderClassSchema.parse(revealSecrets(spc.inputs));
        assert.ok(dependencyNames(spc).includes("secrets-store-csi-driver"), "waits for the CRD's release");
        assert.ok(dependencyNames(spc).includes("app-namespace"));
        const sa = named(aks, "app-serviceaccount");
        assert.equal(dig(sa.inputs, "metadata", "annotations", "azure.workload.identity/client-id"), SYNTH_CLIENT_ID);
        const pod = dig(named(aks, "app-deployment-greeter").inputs, "spec", "template");
        assert.equal(dig(pod, "metadata", "labels", "azure.workload.identity/use"), "true");
        assert.deepEqual(dig(pod, "spec", "volumes", 1), { name: "secrets-store", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true, volumeAttributes: { secretProviderClass: "greeter-greeting" } } });
        assert.ok(dependencyNames(named(aks, "app-deployment-greeter")).includes("app-secretproviderclass"));
        assertGreetingOnlyInSecrets(aks);
    });

    it("gitops delivery: Pulumi creates the landing zone and the Argo CD project and Application, no workload object", () => {
        const names = ofApp(gitops).map((r) => r.name);
        assert.ok(names.includes("app-secretproviderclass") && names.includes("app-resourcequota"));
        assert.ok(names.includes("app-appproject") && names.includes("app-application"));
        assert.deepEqual(names.filter((n) => /deployment|service-|configmap|prometheusrule/.test(n)), []);
        assert.ok(dependencyNames(named(gitops, "app-application")).includes("argo-cd"), "the Application waits for the Argo CD release (its CRDs)");
        assert.deepEqual(gitops.outputs, { namespace: "app", serviceName: "greeter" });
    });

    it("every recorded Kubernetes object of the component validates against its schema", async () => {
        for (const result of [kind, aks]) {
            for (const resource of ofApp(result).filter((r) => r.type.startsWith("kubernetes:") && !r.type.includes("secrets-store"))) {
                await validateObject(revealSecrets(resource.inputs) as Parameters<typeof validateObject>[0]);
            }
        }
    });
});
