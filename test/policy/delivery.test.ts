import { strict as assert } from "node:assert";
import { isExactVersion } from "../../policy/rules";
import { argoApplication, helmRelease, messages, resource } from "./fixtures";

describe("policy rules: delivery", () => {
    describe("helm-release-pinned", () => {
        it("accepts exact versions with a repository", () => {
            assert.deepEqual(messages("helm-release-pinned", helmRelease()), []);
            for (const version of ["1.2.3", "v1.17.0", "1.2.3-rc.1", "0.0.1+build.5"]) assert.equal(isExactVersion(version), true, version);
        });

        it("rejects empty, partial and range versions (exact message)", () => {
            for (const version of ["", "1.2", "~1.2.3", "^1.0.0", ">=1.0.0", "1.x", "latest", undefined]) assert.equal(isExactVersion(version), false, String(version));
            assert.deepEqual(messages("helm-release-pinned", helmRelease({ version: "^8.1.0" })), [
                `Helm release "argocd" (chart "argo-cd"): version "^8.1.0" is not an exact chart version; an empty version or a range installs whatever the repository publishes next. Fix: pin an exact version such as "1.2.3".`,
            ]);
            assert.match(messages("helm-release-pinned", helmRelease({ version: undefined }))[0], /version unset is not an exact chart version/);
        });

        it("requires repositoryOpts.repo unless the chart is an oci:// reference", () => {
            assert.deepEqual(messages("helm-release-pinned", helmRelease({ repositoryOpts: undefined })), [
                `Helm release "argocd" (chart "argo-cd"): repositoryOpts.repo is not set, so the chart would come from whatever Helm repositories the machine running Pulumi has configured. Fix: set repositoryOpts.repo to the chart repository URL (or use an oci:// chart reference).`,
            ]);
            assert.equal(messages("helm-release-pinned", helmRelease({ repositoryOpts: { repo: " " } })).length, 1);
            assert.deepEqual(messages("helm-release-pinned", helmRelease({ chart: "oci://ghcr.io/example-org/charts/app", repositoryOpts: undefined })), []);
        });

        it("also covers helm.sh/v4 Charts", () => {
            const chart = resource("kubernetes:helm.sh/v4:Chart", "csi", { chart: "secrets-store-csi-driver", version: "" });
            assert.equal(messages("helm-release-pinned", chart).length, 2);
        });
    });

    it("helm-release-atomic (advisory): atomic and an explicit timeout", () => {
        assert.deepEqual(messages("helm-release-atomic", helmRelease()), []);
        const found = messages("helm-release-atomic", helmRelease({ atomic: undefined, timeout: undefined }));
        assert.equal(found.length, 2);
        assert.match(found[0], /does not set atomic: true/);
        assert.match(found[1], /has no explicit timeout/);
    });

    it("argocd-automated-sync (advisory): automated sync with prune and selfHeal", () => {
        assert.deepEqual(messages("argocd-automated-sync", argoApplication()), []);
        assert.deepEqual(messages("argocd-automated-sync", argoApplication({})), [
            `Argo CD Application "app-application" has no spec.syncPolicy.automated; new commits and drift wait for a manual sync. Fix: set spec.syncPolicy.automated: { prune: true, selfHeal: true }.`,
        ]);
        const found = messages("argocd-automated-sync", argoApplication({ automated: { prune: false } }));
        assert.equal(found.length, 2);
        assert.match(found[0], /does not prune/);
        assert.match(found[1], /does not self-heal/);
    });
});
