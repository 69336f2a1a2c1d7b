// The policy pack itself, started the way the Pulumi CLI starts it (a process serving the analyzer gRPC API
// on loopback, stack name and config in its environment) and called over gRPC as the CLI would: proves the
// adapter registers every rule with its level and routes resources, options and manifests to the rules.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { AnalyzeDiagnostic, AnalyzeResponse, AnalyzerInfo } from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { RULES } from "../../policy/rules";
import { ROOT } from "../../synth";
import { analyzeRequest, LEVELS, POLICY_DIR, settle, stackRequest, startPack, stop, urnOf, type Served } from "./analyzer";
import { containerOf, defaultDeny, deployment, hpa, managedCluster, namespace, pdb } from "./fixtures";

/** Diagnostics as the CLI prints them; the SDK puts the policy's description on the message's first line. */
function summary(diagnostics: AnalyzeDiagnostic[]) {
    return diagnostics.map((d) => {
        const [description, ...message] = d.getMessage().split("\n");
        assert.equal(description, RULES.find((rule) => rule.id === d.getPolicyname())?.description);
        return { policy: d.getPolicyname(), level: LEVELS[d.getEnforcementlevel()], urn: d.getUrn(), message: message.join("\n") };
    });
}

describe("policy pack over the analyzer gRPC API (as the Pulumi CLI runs it)", function () {
    this.timeout(60_000);
    let served: Served | undefined;

    before(function () {
        if (!fs.existsSync(path.join(POLICY_DIR, "node_modules", "@pulumi", "policy"))) {
            throw new Error("policy/node_modules is missing: run `npm ci --prefix policy` (the root npm ci does it)");
        }
    });
    afterEach(() => {
        stop(served);
        served = undefined;
    });

    it("registers every rule with its enforcement level, and the environment setting where it matters", async () => {
        served = await startPack("dev", {});
        const { client } = served;
        const info = await settle<AnalyzerInfo>((done) => client.getAnalyzerInfo(new Empty(), done));
        assert.equal(info.getName(), "platform-guardrails");
        const policies = info.getPoliciesList().map((p) => ({ name: p.getName(), level: LEVELS[p.getEnforcementlevel()], configurable: p.getConfigschema()?.getProperties()?.toJavaScript().environment !== undefined }));
        assert.deepEqual(
            policies,
            RULES.map((rule) => ({ name: rule.id, level: rule.level, configurable: rule.dependsOnEnvironment === true })),
        );
    });

    it("judges a stack named prod-eu as prod through its platform:environment config (resource policies)", async () => {
        served = await startPack("prod-eu", { "platform:environment": "prod" });
        const { client } = served;
        const cluster = managedCluster({ oidcIssuerProfile: { enabled: false } }, false);
        const response = await settle<AnalyzeResponse>((done) => client.analyze(analyzeRequest(cluster), done));
        assert.deepEqual(
            summary(response.getDiagnosticsList()).map(({ policy, level, message }) => ({ policy, level, message })),
            [
                {
                    policy: "aks-identity-and-rbac",
                    level: "mandatory",
                    message: `AKS cluster "cluster-cluster": the OIDC issuer is off (oidcIssuerProfile.enabled false); workload identity federates through it. Fix: set oidcIssuerProfile: { enabled: true }.`,
                },
                {
                    policy: "production-deletion-protection",
                    level: "mandatory",
                    message: `AKS cluster "cluster-cluster" is not protected in prod; a mistaken destroy, rename or replacement would delete it. Fix: set the protect resource option (stack config cluster.protect or secretsStore.keyVault.protect).`,
                },
            ],
        );
    });

    it("runs the workload rules as stack policies and points each violation at its resource", async () => {
        // Judged as dev: outside dev the tag-only image would also fail image-digest.
        served = await startPack("pack-test-no-manifests", { "platform:environment": "dev" });
        const { client } = served;
        const bad = deployment();
        containerOf(bad).image = "nginx:latest";
        const response = await settle<AnalyzeResponse>((done) => client.analyzeStack(stackRequest([namespace(), defaultDeny(), bad, hpa(2), pdb()]), done));
        assert.deepEqual(summary(response.getDiagnosticsList()), [
            {
                policy: "image-pinned",
                level: "mandatory",
                urn: urnOf(bad),
                message: `Deployment "greeter-deployment": container "app" image "nginx:latest" uses the mutable tag "latest"; what runs would change without a change in this repo. Fix: use an explicit version tag or a digest (name@sha256:...).`,
            },
        ]);
    });

    it("adds the rendered manifests of deploy/<stack>/ to the stack policies, naming the file", async () => {
        // A throwaway stack folder next to the real ones, removed afterwards (and the deploy/ folder if we made it).
        const stack = `.policy-pack-test-${process.pid}`;
        const deployDir = path.join(ROOT, "deploy");
        const createdDeploy = !fs.existsSync(deployDir);
        const folder = path.join(deployDir, stack);
        fs.mkdirSync(folder, { recursive: true });
        try {
            const rendered = deployment();
            containerOf(rendered).image = "nginx:latest";
            const objects = [rendered, hpa(2), pdb()].map((item) => JSON.stringify(item.props));
            objects.forEach((object, index) => fs.writeFileSync(path.join(folder, `${index}.yaml`), `# Rendered for the pack test.\n${object}\n`));
            served = await startPack(stack, { "platform:environment": "dev" });
            const { client } = served;
            const response = await settle<AnalyzeResponse>((done) => client.analyzeStack(stackRequest([namespace(), defaultDeny()]), done));
            assert.deepEqual(summary(response.getDiagnosticsList()), [
                {
                    policy: "image-pinned",
                    level: "mandatory",
                    urn: "",
                    message: `Deployment "deploy/${stack}/0.yaml": container "app" image "nginx:latest" uses the mutable tag "latest"; what runs would change without a change in this repo. Fix: use an explicit version tag or a digest (name@sha256:...).`,
                },
            ]);
        } finally {
            fs.rmSync(createdDeploy ? deployDir : folder, { recursive: true, force: true });
        }
    });
});
