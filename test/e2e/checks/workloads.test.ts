import * as assert from "node:assert/strict";
import argocdSettling from "../fixtures/workloads-argocd-settling.json";
import monitoringReady from "../fixtures/workloads-monitoring.json";
import { checkWorkloadsAvailable } from "./workloads";

describe("e2e check: workloads available", () => {
    it("passes a namespace whose Deployments, StatefulSet and DaemonSet are all rolled out", () => {
        assert.deepEqual(checkWorkloadsAvailable("monitoring", monitoringReady), []);
    });

    it("names each controller that is not there yet, and why", () => {
        assert.deepEqual(checkWorkloadsAvailable("argocd", argocdSettling), [
            "Deployment argocd/argocd-server: status is for generation 1, spec is at 2",
            "Deployment argocd/argocd-repo-server: 0/1 available, 1/1 updated, Available=False (MinimumReplicasUnavailable: Deployment does not have minimum availability.)",
            "StatefulSet argocd/argocd-application-controller: rolling out: current revision argocd-application-controller-5b7f9c8d6, update revision argocd-application-controller-6c8d4e9f7",
            "DaemonSet argocd/example-node-agent: 2/3 nodes available, 3/3 updated",
        ]);
    });

    it("fails an empty namespace: every namespace it checks is one the program fills", () => {
        assert.deepEqual(checkWorkloadsAvailable("app", { items: [] }), ["namespace app: no Deployment, StatefulSet or DaemonSet found"]);
    });

    it("fails a StatefulSet with fewer ready replicas than desired", () => {
        const sts = structuredClone(monitoringReady.items[2]);
        sts.status.readyReplicas = 0;
        sts.status.availableReplicas = 0;
        assert.deepEqual(checkWorkloadsAvailable("monitoring", { items: [sts] }), ["StatefulSet monitoring/prometheus-kube-prometheus-stack-prometheus: 0/1 ready, 0/1 available"]);
    });
});
