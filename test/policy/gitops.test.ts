import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { gitopsFolders, manifestRoot, parseManifests } from "../../policy/rules";
import { argoApplication, deployment, messages, PROD } from "./fixtures";

describe("policy rules: gitops-manifests-present (fail closed)", () => {
    const rendered = parseManifests("deploy/prod/deployment-greeter.yaml", JSON.stringify(deployment().props));

    it("names the folders the stack's Argo CD Applications sync", () => {
        assert.deepEqual(gitopsFolders([argoApplication(), deployment()]), ["deploy/prod"]);
        assert.deepEqual(gitopsFolders([deployment()]), []);
    });

    it("passes when the pack has manifests for the synced folder", () => {
        assert.deepEqual(messages("gitops-manifests-present", [argoApplication(), ...rendered], PROD), []);
    });

    it("fails a gitops stack whose manifests the pack does not have (exact message)", () => {
        assert.deepEqual(messages("gitops-manifests-present", [argoApplication()], PROD), [
            `Argo CD Application "app-application" syncs deploy/prod/, but the policy pack has no manifests for it, so no workload rule could judge what Argo CD applies. Fix: publish the pack with the rendered manifests of the commit (deployments/ bundles deploy/ into the pack), or run it from a checkout that has deploy/prod/.`,
        ]);
        const otherStack = parseManifests("deploy/staging/deployment-greeter.yaml", JSON.stringify(deployment().props));
        assert.equal(messages("gitops-manifests-present", [argoApplication(), ...otherStack], PROD).length, 1, "another stack's manifests do not count");
    });

    it("says nothing for a direct-delivery stack (no Application)", () => {
        assert.deepEqual(messages("gitops-manifests-present", [deployment()], PROD), []);
    });
});

describe("policy pack: where deploy/ is read from", () => {
    it("the pack's own deploy/ when it carries one (published), else the repository around it (checkout)", () => {
        const repo = fs.mkdtempSync(path.join(os.tmpdir(), "manifest-root-"));
        try {
            const pack = path.join(repo, "policy");
            fs.mkdirSync(pack);
            assert.equal(manifestRoot(pack), repo);
            fs.mkdirSync(path.join(pack, "deploy"));
            assert.equal(manifestRoot(pack), pack);
        } finally {
            fs.rmSync(repo, { recursive: true, force: true });
        }
    });
});
