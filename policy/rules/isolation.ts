// Stack rules that relate objects to each other: network isolation per app namespace, and a disruption
// budget per Deployment that still lets nodes drain. They see Pulumi resources and rendered GitOps
// manifests together, since a landing zone (Pulumi) and its workload (Argo CD) share a namespace.
import { at, isKind, label, list, metadataName, namespaceOf, podTemplate, record, selectorMatches, show, type PlainResource, type StackRule } from "./model";

const RESTRICTED_LABEL = "pod-security.kubernetes.io/enforce";

/** Namespaces that hold our workloads, each with the first reason it counts. */
export function appNamespaces(resources: readonly PlainResource[]): Map<string, string> {
    const namespaces = new Map<string, string>();
    for (const resource of resources) {
        if (isKind(resource, "Namespace") && at(resource.props, "metadata", "labels", RESTRICTED_LABEL) === "restricted") {
            const name = metadataName(resource);
            if (!namespaces.has(name)) namespaces.set(name, `labelled ${RESTRICTED_LABEL}: restricted`);
        }
    }
    for (const resource of resources) {
        if (isKind(resource, "Deployment", "apps") && !namespaces.has(namespaceOf(resource))) namespaces.set(namespaceOf(resource), `runs ${label(resource)}`);
    }
    return namespaces;
}

/** A NetworkPolicy that selects every pod of its namespace and allows nothing in `direction`. */
export function isDefaultDeny(policy: PlainResource, direction: "Ingress" | "Egress"): boolean {
    const spec = record(policy.props.spec);
    const selector = record(spec.podSelector);
    const selectsAll = Object.keys(record(selector.matchLabels)).length === 0 && list(selector.matchExpressions).length === 0;
    // Kubernetes defaults policyTypes to Ingress, plus Egress when egress rules are present.
    const types = list(spec.policyTypes).length > 0 ? list(spec.policyTypes) : ["Ingress", ...(spec.egress === undefined ? [] : ["Egress"])];
    const rules = list(direction === "Ingress" ? spec.ingress : spec.egress);
    return selectsAll && types.includes(direction) && rules.length === 0;
}

function missingDefaultDeny(resources: readonly PlainResource[], direction: "Ingress" | "Egress", why: string, fix: string): string[] {
    const policies = resources.filter((resource) => isKind(resource, "NetworkPolicy", "networking.k8s.io"));
    return [...appNamespaces(resources)].flatMap(([namespace, reason]) =>
        policies.some((policy) => namespaceOf(policy) === namespace && isDefaultDeny(policy, direction))
            ? []
            : [`namespace "${namespace}" (${reason}) has no default-deny ${direction.toLowerCase()} NetworkPolicy; ${why}. Fix: ${fix}`],
    );
}

/** An int-or-percent field scaled to a replica count; undefined when it is neither. */
function scaled(value: unknown, replicas: number): number | undefined {
    if (typeof value === "number" && Number.isInteger(value)) return value;
    const match = typeof value === "string" ? /^(\d+)(%?)$/.exec(value) : null;
    if (match === null) return undefined;
    // The disruption controller rounds percentages up for both fields.
    return match[2] === "%" ? Math.ceil((Number(match[1]) * replicas) / 100) : Number(match[1]);
}

function budgetProblem(budget: PlainResource, deployment: PlainResource, replicas: number, source: string): string | undefined {
    const spec = record(budget.props.spec);
    const where = `${label(budget)} for ${label(deployment)}`;
    const fix = `Fix: use maxUnavailable: 1 (or a minAvailable below ${replicas}).`;
    if (spec.minAvailable !== undefined) {
        const floor = scaled(spec.minAvailable, replicas);
        if (floor === undefined) return `${where}: minAvailable ${show(spec.minAvailable)} is neither an integer nor a percentage. ${fix}`;
        if (floor >= replicas) return `${where}: minAvailable ${show(spec.minAvailable)} is not below the ${replicas} replica(s) of ${source}, so no pod can ever be evicted and node drains and upgrades stall. ${fix}`;
        return undefined;
    }
    if (spec.maxUnavailable !== undefined) {
        const allowed = scaled(spec.maxUnavailable, replicas);
        if (allowed === undefined) return `${where}: maxUnavailable ${show(spec.maxUnavailable)} is neither an integer nor a percentage. ${fix}`;
        if (allowed < 1) return `${where}: maxUnavailable ${show(spec.maxUnavailable)} allows no eviction, so node drains and upgrades stall. ${fix}`;
        return undefined;
    }
    return `${where} sets neither minAvailable nor maxUnavailable. ${fix}`;
}

function disruptionBudgets(resources: readonly PlainResource[]): string[] {
    const budgets = resources.filter((resource) => isKind(resource, "PodDisruptionBudget", "policy"));
    const autoscalers = resources.filter((resource) => isKind(resource, "HorizontalPodAutoscaler", "autoscaling"));
    return resources
        .filter((resource) => isKind(resource, "Deployment", "apps"))
        .flatMap((deployment) => {
            const namespace = namespaceOf(deployment);
            const labels = podTemplate(deployment)?.labels ?? {};
            const matching = budgets.filter((budget) => namespaceOf(budget) === namespace && selectorMatches(at(budget.props, "spec", "selector"), labels));
            if (matching.length === 0) {
                return [
                    `${label(deployment)} has no PodDisruptionBudget whose selector matches its pod labels ${show(labels)} in namespace "${namespace}"; a node drain may evict every replica at once. Fix: add a PodDisruptionBudget with that selector and maxUnavailable: 1.`,
                ];
            }
            if (matching.length > 1) {
                return [`${label(deployment)} is selected by ${matching.length} PodDisruptionBudgets (${matching.map((budget) => `"${budget.name}"`).join(", ")}); the eviction API refuses pods covered by more than one. Fix: keep one.`];
            }
            const autoscaler = autoscalers.find(
                (hpa) => namespaceOf(hpa) === namespace && at(hpa.props, "spec", "scaleTargetRef", "kind") === "Deployment" && at(hpa.props, "spec", "scaleTargetRef", "name") === metadataName(deployment),
            );
            const declared = autoscaler === undefined ? at(deployment.props, "spec", "replicas") : at(autoscaler.props, "spec", "minReplicas");
            const replicas = typeof declared === "number" ? declared : 1;
            const source = autoscaler === undefined ? `the Deployment's replicas` : `${label(autoscaler)} minReplicas`;
            const problem = budgetProblem(matching[0], deployment, replicas, source);
            return problem === undefined ? [] : [problem];
        });
}

export const isolationRules: StackRule[] = [
    {
        id: "namespace-default-deny-ingress",
        level: "mandatory",
        scope: "stack",
        description: "Every app namespace (labelled Pod Security restricted, or running a Deployment) has a default-deny ingress NetworkPolicy.",
        check: (resources) =>
            missingDefaultDeny(
                resources,
                "Ingress",
                "any pod in the cluster can reach its pods",
                `add a NetworkPolicy in that namespace with podSelector: {}, policyTypes: [Ingress] and no ingress rules, then allow the needed flows with narrower policies.`,
            ),
    },
    {
        id: "namespace-default-deny-egress",
        level: "advisory",
        scope: "stack",
        description: "Every app namespace also denies egress by default, allowing DNS and named destinations explicitly.",
        check: (resources) =>
            missingDefaultDeny(resources, "Egress", "a compromised pod can call anything the node can reach", `add Egress to the default-deny policy's policyTypes and allow DNS and the needed destinations explicitly.`),
    },
    {
        id: "deployment-disruption-budget",
        level: "mandatory",
        scope: "stack",
        description: "Every Deployment has exactly one PodDisruptionBudget selecting its pods, and it still allows one eviction at the HPA minimum (minAvailable < minReplicas, or maxUnavailable >= 1).",
        check: disruptionBudgets,
    },
];
