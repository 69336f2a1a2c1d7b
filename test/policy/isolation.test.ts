import { strict as assert } from "node:assert";
import { appNamespaces, isDefaultDeny } from "../../policy/rules";
import { defaultDeny, deployment, hpa, k8s, messages, namespace, pdb, POD_LABELS } from "./fixtures";

describe("policy rules: namespace isolation", () => {
    it("finds app namespaces by the restricted label and by the Deployments in them", () => {
        const other = deployment();
        other.props.metadata = { name: "worker", namespace: "jobs" };
        const found = appNamespaces([namespace("app"), namespace("kube-tools", { team: "x" }), other]);
        assert.deepEqual([...found], [
            ["app", "labelled pod-security.kubernetes.io/enforce: restricted"],
            ["jobs", `runs Deployment "greeter-deployment"`],
        ]);
    });

    it("passes with a default-deny policy in each app namespace", () => {
        assert.deepEqual(messages("namespace-default-deny-ingress", [namespace(), deployment(), defaultDeny()]), []);
        assert.deepEqual(messages("namespace-default-deny-egress", [namespace(), deployment(), defaultDeny()]), []);
    });

    it("fails without one (exact message)", () => {
        assert.deepEqual(messages("namespace-default-deny-ingress", [namespace(), deployment()]), [
            `namespace "app" (labelled pod-security.kubernetes.io/enforce: restricted) has no default-deny ingress NetworkPolicy; any pod in the cluster can reach its pods. Fix: add a NetworkPolicy in that namespace with podSelector: {}, policyTypes: [Ingress] and no ingress rules, then allow the needed flows with narrower policies.`,
        ]);
    });

    it("covers a Deployment's namespace even without a Namespace resource (e.g. a rendered manifest)", () => {
        assert.equal(messages("namespace-default-deny-ingress", [deployment()]).length, 1);
        assert.deepEqual(messages("namespace-default-deny-ingress", [deployment(), defaultDeny("app", ["Ingress"])]), []);
    });

    it("does not count policies that select some pods, allow traffic, or live elsewhere", () => {
        const narrow = defaultDeny();
        narrow.props.spec = { podSelector: { matchLabels: POD_LABELS }, policyTypes: ["Ingress"] };
        const allowing = defaultDeny();
        allowing.props.spec = { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: {} }] }] };
        for (const policy of [narrow, allowing, defaultDeny("elsewhere")]) {
            assert.equal(messages("namespace-default-deny-ingress", [namespace(), policy]).length, 1, JSON.stringify(policy.props));
        }
    });

    it("applies Kubernetes' policyTypes default (Ingress, plus Egress only with egress rules)", () => {
        const implicit = defaultDeny();
        implicit.props.spec = { podSelector: {} };
        assert.equal(isDefaultDeny(implicit, "Ingress"), true);
        assert.equal(isDefaultDeny(implicit, "Egress"), false);
    });

    it("egress default deny is advisory", () => {
        assert.match(messages("namespace-default-deny-egress", [namespace(), defaultDeny("app", ["Ingress"])])[0], /^namespace "app" .* has no default-deny egress NetworkPolicy/);
    });
});

describe("policy rules: deployment-disruption-budget", () => {
    const check = (...resources: Parameters<typeof messages>[1][]) => messages("deployment-disruption-budget", resources.flat());

    it("passes with one matching budget that allows an eviction", () => {
        assert.deepEqual(check(deployment(), hpa(2), pdb({ maxUnavailable: 1 })), []);
        assert.deepEqual(check(deployment(), hpa(2), pdb({ minAvailable: 1 })), []);
        assert.deepEqual(check(deployment(), hpa(3), pdb({ minAvailable: "50%" })), []);
        assert.deepEqual(check(deployment(), hpa(2), pdb({ maxUnavailable: "25%" })), [], "percentages round up to 1");
        assert.deepEqual(check(deployment(), pdb({ maxUnavailable: 1 }, { matchExpressions: [{ key: "app.kubernetes.io/name", operator: "In", values: ["greeter"] }] })), []);
    });

    it("fails without a budget, or when its selector misses the pod labels (exact message)", () => {
        const expected = `Deployment "greeter-deployment" has no PodDisruptionBudget whose selector matches its pod labels {"app.kubernetes.io/name":"greeter","version":"0.1.0"} in namespace "app"; a node drain may evict every replica at once. Fix: add a PodDisruptionBudget with that selector and maxUnavailable: 1.`;
        assert.deepEqual(check(deployment(), hpa(2)), [expected]);
        assert.deepEqual(check(deployment(), pdb({ maxUnavailable: 1 }, { matchLabels: { "app.kubernetes.io/name": "other" } })), [expected]);
        const elsewhere = pdb();
        elsewhere.props.metadata = { name: "greeter", namespace: "other" };
        assert.deepEqual(check(deployment(), elsewhere), [expected]);
    });

    it("fails when minAvailable is not below the HPA minimum (exact message)", () => {
        assert.deepEqual(check(deployment(), hpa(2), pdb({ minAvailable: 2 })), [
            `PodDisruptionBudget "greeter-poddisruptionbudget" for Deployment "greeter-deployment": minAvailable 2 is not below the 2 replica(s) of HorizontalPodAutoscaler "greeter-horizontalpodautoscaler" minReplicas, so no pod can ever be evicted and node drains and upgrades stall. Fix: use maxUnavailable: 1 (or a minAvailable below 2).`,
        ]);
        assert.equal(check(deployment(), hpa(3), pdb({ minAvailable: "100%" })).length, 1);
        assert.equal(check(deployment(), hpa(), pdb({ minAvailable: 1 })).length, 1, "an HPA without minReplicas keeps 1");
    });

    it("uses the Deployment's replicas when no HPA scales it", () => {
        assert.deepEqual(check(deployment(), pdb({ minAvailable: 1 })), [], "replicas: 2");
        const single = deployment();
        single.props.spec = { ...(single.props.spec as object), replicas: 1 };
        assert.match(check(single, pdb({ minAvailable: 1 }))[0], /minAvailable 1 is not below the 1 replica\(s\) of the Deployment's replicas/);
    });

    it("fails on budgets that allow no eviction or are incomplete", () => {
        assert.match(check(deployment(), hpa(2), pdb({ maxUnavailable: 0 }))[0], /maxUnavailable 0 allows no eviction/);
        assert.match(check(deployment(), hpa(2), pdb({ maxUnavailable: "0%" }))[0], /maxUnavailable "0%" allows no eviction/);
        assert.match(check(deployment(), hpa(2), pdb({}))[0], /sets neither minAvailable nor maxUnavailable/);
        assert.match(check(deployment(), hpa(2), pdb({ minAvailable: "half" }))[0], /minAvailable "half" is neither an integer nor a percentage/);
    });

    it("fails when two budgets select the same pods", () => {
        assert.deepEqual(check(deployment(), hpa(2), pdb(), pdb(undefined, undefined, "greeter-extra")), [
            `Deployment "greeter-deployment" is selected by 2 PodDisruptionBudgets ("greeter-poddisruptionbudget", "greeter-extra-poddisruptionbudget"); the eviction API refuses pods covered by more than one. Fix: keep one.`,
        ]);
    });

    it("ignores HPAs that target something else", () => {
        const other = hpa(5);
        other.props.spec = { scaleTargetRef: { kind: "StatefulSet", name: "greeter" }, minReplicas: 5 };
        assert.deepEqual(check(deployment(), other, pdb({ minAvailable: 1 })), []);
        assert.deepEqual(check(k8s("v1", "Service", "greeter", {})), [], "no Deployment, nothing to check");
    });
});
