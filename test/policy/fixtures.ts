// Crafted resources for the policy rule tests: each builder returns a compliant object that a test then
// breaks in one place, so every failure is attributable to one field.
import { evaluate, RULES, type PlainResource, type Rule, type RuleContext } from "../../policy/rules";

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const APP_IMAGE = "ghcr.io/example-org/platform/app:0.1.0";
export const POD_LABELS = { "app.kubernetes.io/name": "greeter" };

export function resource(type: string, name: string, props: Json, protect = false): PlainResource {
    return { type, name, props, protect };
}

export function k8s(apiVersion: string, kind: string, name: string, spec: Json, metadata: Json = {}): PlainResource {
    const group = apiVersion.includes("/") ? apiVersion : `core/${apiVersion}`;
    return resource(`kubernetes:${group}:${kind}`, `${name}-${kind.toLowerCase()}`, { apiVersion, kind, metadata: { name, namespace: "app", ...metadata }, spec });
}

export function appContainer(): Json {
    return {
        name: "app",
        image: APP_IMAGE,
        securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
        resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "256Mi" } },
        readinessProbe: { httpGet: { path: "/readyz", port: 8000 } },
        livenessProbe: { httpGet: { path: "/healthz", port: 8000 } },
    };
}

export function podSpec(): Json {
    return {
        securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: "RuntimeDefault" } },
        containers: [appContainer()],
        topologySpreadConstraints: [{ maxSkew: 1, topologyKey: "topology.kubernetes.io/zone", whenUnsatisfiable: "ScheduleAnyway", labelSelector: { matchLabels: POD_LABELS } }],
    };
}

/** Deployment "greeter" in namespace "app" (resource name `greeter-deployment`). */
export function deployment(): PlainResource {
    return k8s("apps/v1", "Deployment", "greeter", { replicas: 2, selector: { matchLabels: POD_LABELS }, template: { metadata: { labels: { ...POD_LABELS, version: "0.1.0" } }, spec: podSpec() } });
}

/** The pod spec of a Deployment fixture, for tests to break. */
export function specOf(workload: PlainResource): Json {
    return (workload.props as Json).spec.template.spec as Json;
}

export function containerOf(workload: PlainResource, index = 0): Json {
    return specOf(workload).containers[index] as Json;
}

export function hpa(minReplicas?: number): PlainResource {
    return k8s("autoscaling/v2", "HorizontalPodAutoscaler", "greeter", {
        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "greeter" },
        ...(minReplicas === undefined ? {} : { minReplicas }),
        maxReplicas: 4,
    });
}

export function pdb(budget: Json = { maxUnavailable: 1 }, selector: Json = { matchLabels: POD_LABELS }, name = "greeter"): PlainResource {
    return k8s("policy/v1", "PodDisruptionBudget", name, { selector, ...budget });
}

export function namespace(name = "app", labels: Json = { "pod-security.kubernetes.io/enforce": "restricted" }): PlainResource {
    const ns = k8s("v1", "Namespace", name, {}, { labels });
    delete (ns.props as Json).metadata.namespace;
    delete (ns.props as Json).spec;
    return ns;
}

export function defaultDeny(namespaceName = "app", policyTypes: string[] = ["Ingress", "Egress"]): PlainResource {
    return k8s("networking.k8s.io/v1", "NetworkPolicy", "default-deny", { podSelector: {}, policyTypes }, { namespace: namespaceName });
}

export function helmRelease(props: Json = {}): PlainResource {
    return resource("kubernetes:helm.sh/v3:Release", "argocd", {
        chart: "argo-cd",
        version: "8.1.2",
        repositoryOpts: { repo: "https://argoproj.github.io/argo-helm" },
        atomic: true,
        timeout: 600,
        ...props,
    });
}

export function argoApplication(syncPolicy: Json = { automated: { prune: true, selfHeal: true } }): PlainResource {
    const app = resource("kubernetes:argoproj.io/v1alpha1:Application", "app-application", {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Application",
        metadata: { name: "greeter", namespace: "argocd" },
        spec: { project: "greeter", source: { repoURL: "https://github.com/example-org/platform", path: "deploy/prod", targetRevision: "main" }, syncPolicy },
    });
    return app;
}

/** A prod-shaped AKS cluster (as components/cluster/aks.ts builds it). */
export function managedCluster(props: Json = {}, protect = true): PlainResource {
    return resource(
        "azure-native:containerservice:ManagedCluster",
        "cluster-cluster",
        {
            aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [] },
            oidcIssuerProfile: { enabled: true },
            securityProfile: { workloadIdentity: { enabled: true } },
            enableRBAC: true,
            disableLocalAccounts: true,
            sku: { name: "Base", tier: "Standard" },
            agentPoolProfiles: [{ name: "system", mode: "System", availabilityZones: ["1", "2", "3"] }],
            ...props,
        },
        protect,
    );
}

export function agentPool(availabilityZones?: string[]): PlainResource {
    return resource("azure-native:containerservice:AgentPool", "cluster-user-pool", { agentPoolName: "user", mode: "User", ...(availabilityZones ? { availabilityZones } : {}) });
}

export function vault(properties: Json = {}, protect = true): PlainResource {
    return resource(
        "azure-native:keyvault:Vault",
        "secrets-vault",
        { properties: { enableRbacAuthorization: true, enablePurgeProtection: true, enableSoftDelete: true, softDeleteRetentionInDays: 90, ...properties } },
        protect,
    );
}

export function resourceGroup(protect = true): PlainResource {
    return resource("azure-native:resources:ResourceGroup", "cluster-rg", { resourceGroupName: "rg-platform-prod" }, protect);
}

export const PROD = { environment: "prod" };
export const STAGING = { environment: "staging" };
export const DEV = { environment: "dev" };

function ruleById(id: string): Rule {
    const found = RULES.find((rule) => rule.id === id);
    if (found === undefined) throw new Error(`no rule ${id}`);
    return found;
}

/** Messages of one rule over these resources (one resource, or a whole stack for stack rules). */
export function messages(id: string, resources: PlainResource | PlainResource[], context: RuleContext = STAGING): string[] {
    return evaluate(ruleById(id), Array.isArray(resources) ? resources : [resources], context).map((finding) => finding.message);
}
