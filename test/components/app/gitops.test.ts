import { strict as assert } from "node:assert";
import type { IAppProject } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject";
import type { IApplication } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { IN_CLUSTER } from "../../../components/app";
import { plainStackConfig } from "../../../synth";
import { dependencyNames, one, synthOnce } from "../../support/stacks";
import { validateObject } from "./support";

const APPLICATION = "kubernetes:argoproj.io/v1alpha1:Application";
const APP_PROJECT = "kubernetes:argoproj.io/v1alpha1:AppProject";

describe("components/app/gitops: Argo CD delivers the workload of gitops stacks", () => {
    for (const stack of ["staging", "prod"] as const) {
        it(`${stack}: an AppProject limited to this repo, the app namespace and namespaced workload kinds`, async () => {
            const result = await synthOnce(stack);
            const project = one(result, APP_PROJECT).inputs as unknown as IAppProject;
            await validateObject(project);
            const { gitops } = plainStackConfig(stack).app;
            assert.deepEqual(project?.spec?.sourceRepos, [gitops?.repoUrl]);
            assert.deepEqual(project?.spec?.destinations, [{ server: IN_CLUSTER, namespace: "app" }]);
            assert.deepEqual(project?.spec?.clusterResourceWhitelist, [], "no cluster-scoped kinds from Git");
            assert.deepEqual(
                project?.spec?.namespaceResourceWhitelist?.map((k) => `${k.group}/${k.kind}`).sort(),
                ["/ConfigMap", "/Service", "apps/Deployment", "autoscaling/HorizontalPodAutoscaler", "monitoring.coreos.com/Probe", "monitoring.coreos.com/PrometheusRule", "monitoring.coreos.com/ServiceMonitor", "policy/PodDisruptionBudget"],
            );
        });

        it(`${stack}: an Application syncing deploy/${stack} with prune, self-heal, retry and server-side apply`, async () => {
            const result = await synthOnce(stack);
            const resource = one(result, APPLICATION);
            const app = resource.inputs as unknown as IApplication;
            await validateObject(app);
            const { gitops } = plainStackConfig(stack).app;
            assert.deepEqual(app?.spec?.source, { repoURL: gitops?.repoUrl, targetRevision: gitops?.targetRevision, path: `deploy/${stack}`, directory: { recurse: false } });
            assert.deepEqual(app?.spec?.destination, { server: IN_CLUSTER, namespace: "app" });
            assert.deepEqual(app?.spec?.syncPolicy?.automated, { prune: true, selfHeal: true });
            assert.ok(app?.spec?.syncPolicy?.syncOptions?.includes("ServerSideApply=true"));
            assert.deepEqual(app?.spec?.syncPolicy?.retry, { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "3m" } });
            assert.deepEqual(app?.spec?.ignoreDifferences, [{ group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"] }]);
            assert.equal(app?.metadata?.namespace, "argocd");
            const deps = dependencyNames(resource);
            for (const needed of ["platform-argocd-release", "app-namespace", "app-appproject"]) assert.ok(deps.includes(needed), `${needed} in ${deps.join(", ")}`);
            assert.equal(result.outputs.argoApplication, `argocd/greeter-${stack}`);
        });

        it(`${stack}: Pulumi creates no workload object itself, only the landing zone`, async () => {
            const result = await synthOnce(stack);
            for (const type of ["kubernetes:apps/v1:Deployment", "kubernetes:autoscaling/v2:HorizontalPodAutoscaler", "kubernetes:policy/v1:PodDisruptionBudget"]) {
                assert.equal(result.resources.filter((r) => r.type === type).length, 0, `${stack}: ${type} belongs to Argo CD`);
            }
            assert.ok(result.resources.some((r) => r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" && r.name.startsWith("app-")));
        });
    }

    it("dev (direct delivery) has no Argo CD Application", async () => {
        const dev = await synthOnce("dev");
        assert.equal(dev.resources.filter((r) => r.type === APPLICATION || r.type === APP_PROJECT).length, 0);
        assert.ok(dev.resources.some((r) => r.type === "kubernetes:apps/v1:Deployment"));
    });
});
