import { strict as assert } from "node:assert";
import { appPrometheusRule, workloadSpecFor } from "../../components/app";
import { presets, runbookUrl } from "../../stacks";
import { placeholderFindings } from "../../stacks";
import { plainStackConfig } from "../../synth";

describe("stacks/runbooks: alert links point where the stack is delivered from", () => {
    it("derives the runbook file's address from app.gitops: repository and revision, https or ssh clone URL", () => {
        assert.equal(runbookUrl({ gitops: { repoUrl: "https://github.com/acme/platform.git", targetRevision: "release" } }), "https://github.com/acme/platform/blob/release/components/app/README.md");
        assert.equal(runbookUrl({ gitops: { repoUrl: "git@github.com:acme/platform.git", targetRevision: "v1.2.0" } }), "https://github.com/acme/platform/blob/v1.2.0/components/app/README.md");
    });

    it("prod's alerts link the runbook on prod's branch, each its own section", () => {
        const prod = plainStackConfig("prod");
        const spec = workloadSpecFor({ stackName: "prod", app: prod.app, monitoring: prod.monitoring }, prod.cluster);
        const alerts = appPrometheusRule(spec).spec.groups!.flatMap((g) => g.rules ?? []).filter((r) => r.alert);
        assert.ok(alerts.length > 0);
        for (const rule of alerts) {
            assert.equal(rule.annotations?.runbook_url, `${prod.app.gitops!.repoUrl.replace(/\.git$/, "")}/blob/release/components/app/README.md#${rule.alert!.toLowerCase()}`);
        }
    });

    it("the placeholder warning covers the derived runbook links of a stack without app.gitops", () => {
        const dev = { ...plainStackConfig("dev"), environment: "dev" as const };
        assert.deepEqual(
            placeholderFindings(dev).filter((f) => f.startsWith("runbook links")),
            [`runbook links (no app.gitops, so the default repository) = "https://github.com/example-org/platform/blob/main/components/app/README.md": placeholder organisation "example-org"; set your own (README, "Adopting the project")`],
        );
        const adopted = { ...dev, app: { ...presets.dev.app, gitops: { repoUrl: "https://github.com/acme/platform.git", targetRevision: "main" } } };
        assert.deepEqual(placeholderFindings(adopted).filter((f) => f.startsWith("runbook links")), []);
    });
});
