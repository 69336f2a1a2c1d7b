import { strict as assert } from "node:assert";
import { CHARTS } from "../../../components/platform";
import { byType, synthOnce } from "../../support/stacks";

const RELEASE = "kubernetes:helm.sh/v3:Release";

describe("components/platform/metrics-server", () => {
    it("installs metrics-server on kind, where the HPA would otherwise have no metrics", async () => {
        const dev = await synthOnce("dev");
        const [release] = byType(dev, RELEASE).filter((r) => r.inputs.chart === "metrics-server");
        assert.ok(release, "dev (kind) needs metrics-server");
        assert.deepEqual([release.inputs.version, (release.inputs.repositoryOpts as { repo: string }).repo], [CHARTS.metricsServer.version, CHARTS.metricsServer.repo]);
        assert.equal(release.inputs.namespace, "kube-system");
        assert.deepEqual((release.inputs.values as { args: string[] }).args, ["--kubelet-insecure-tls"]);
    });

    it("leaves AKS to its built-in metrics-server", async () => {
        for (const stack of ["staging", "prod"]) {
            const charts = byType(await synthOnce(stack), RELEASE).map((r) => r.inputs.chart);
            assert.ok(!charts.includes("metrics-server"), `${stack} must not install a second metrics-server`);
        }
    });
});
