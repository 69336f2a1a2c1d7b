// A private image and a private gitops repository: the credentials come from secret config, reach only
// Secrets (as Pulumi secrets), and the rendered workload Argo CD applies does not change.
import { strict as assert } from "node:assert";
import { dockerConfigJson, registryHost } from "../../../components/app";
import { platformProgram } from "../../../program";
import { redactSecrets, revealSecrets, synthesize, type SynthResult } from "../../../synth";
import { offlineConfig } from "../../../synth";

const REGISTRY_PASSWORD = "MARKER-REGISTRY-71c0";
const REPO_TOKEN = "MARKER-REPO-TOKEN-2b9d";

async function privateStaging(): Promise<SynthResult> {
    const { config, secretKeys } = offlineConfig("staging", { "platform:registryPassword": REGISTRY_PASSWORD, "platform:gitopsRepoToken": REPO_TOKEN });
    const app = config["platform:app"] as { gitops: Record<string, string> };
    return synthesize({
        project: "platform",
        stack: "staging",
        config: { ...config, "platform:app": { ...app, imagePull: "private", registryUsername: "platform-bot", gitops: { ...app.gitops, repoAccess: "private" } } },
        secretKeys,
        program: platformProgram,
    });
}

describe("components/app/private-access", () => {
    it("finds the registry host of an image reference", () => {
        assert.equal(registryHost("ghcr.io/acme/platform/app:1.0.0"), "ghcr.io");
        assert.equal(registryHost("registry.local:5000/app:1"), "registry.local:5000");
        assert.equal(registryHost("library/nginx:1.27"), "docker.io");
        assert.equal(registryHost("nginx:1.27"), "docker.io");
    });

    it("writes a dockerconfigjson login with the base64 user:password auth", () => {
        const document = JSON.parse(dockerConfigJson("ghcr.io", "bot", "s3cret")) as { auths: Record<string, { username: string; password: string; auth: string }> };
        assert.deepEqual(document.auths["ghcr.io"], { username: "bot", password: "s3cret", auth: Buffer.from("bot:s3cret").toString("base64") });
    });

    it("private image: a pull secret the ServiceAccount lists, its password a Pulumi secret", async () => {
        const result = await privateStaging();
        const pull = result.resources.find((r) => r.name === "app-registry-credentials");
        assert.ok(pull, "the pull secret exists");
        assert.deepEqual([pull.inputs.type, (pull.inputs.metadata as Record<string, unknown>).name, (pull.inputs.metadata as Record<string, unknown>).namespace], ["kubernetes.io/dockerconfigjson", "greeter-registry", "app"]);
        const login = JSON.parse(String((revealSecrets(pull.inputs.stringData) as Record<string, string>)[".dockerconfigjson"])) as { auths: Record<string, { username: string }> };
        assert.deepEqual(Object.keys(login.auths), ["ghcr.io"]);
        assert.equal(login.auths["ghcr.io"].username, "platform-bot");
        const sa = result.resources.find((r) => r.name === "app-serviceaccount");
        assert.deepEqual(sa?.inputs.imagePullSecrets, [{ name: "greeter-registry" }]);
    });

    it("private repository: Argo CD gets a labelled repository credential before the project", async () => {
        const result = await privateStaging();
        const credential = result.resources.find((r) => r.name === "app-repository-credential");
        assert.ok(credential, "the repository credential exists");
        const metadata = credential.inputs.metadata as { namespace: string; labels: Record<string, string> };
        assert.equal(metadata.namespace, "argocd");
        assert.deepEqual(metadata.labels, { "argocd.argoproj.io/secret-type": "repository" });
        const data = revealSecrets(credential.inputs.stringData) as Record<string, string>;
        assert.deepEqual([data.type, data.url, data.password], ["git", "https://github.com/example-org/platform.git", REPO_TOKEN]);
        const project = result.resources.find((r) => r.name === "app-appproject");
        assert.ok(project?.options.dependsOn.some((urn) => urn.endsWith("app-repository-credential")));
    });

    it("both credentials stay secret and appear in no other resource", async () => {
        const result = await privateStaging();
        for (const resource of result.resources) {
            assert.doesNotMatch(JSON.stringify(redactSecrets(resource.inputs)), /MARKER-(REGISTRY|REPO)/, `${resource.name} holds a credential in plain text`);
            const revealed = JSON.stringify(revealSecrets(resource.inputs));
            if (/MARKER-(REGISTRY|REPO)/.test(revealed)) assert.equal(resource.type, "kubernetes:core/v1:Secret", `${resource.name} holds a credential`);
        }
    });
});
