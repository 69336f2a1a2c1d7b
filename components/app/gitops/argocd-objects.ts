// delivery: gitops — the Argo CD AppProject and Application that sync deploy/<stack>/ into the app namespace.
// Pure builders (plain typed objects), so tests validate them against the Argo CD CRD models.
import type { IAppProject } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject";
import type { IApplication } from "@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application";
import { APP_NAME, PART_OF } from "../names";
import type { WorkloadObject } from "../workload";

/** The cluster Argo CD runs in: the workload is always delivered to its own cluster. */
export const IN_CLUSTER = "https://kubernetes.default.svc";

export interface GitOpsSpec {
    stackName: string;
    /** Namespace Argo CD runs in; the AppProject and Application live there. */
    argocdNamespace: string;
    /** The app namespace (created by Pulumi as the landing zone): the only allowed destination. */
    appNamespace: string;
    repoUrl: string;
    /** Trunk (`main`) or a per-environment branch, tag or commit. */
    targetRevision: string;
    /** The rendered workload; its kinds become the project's allow-list. */
    workload: WorkloadObject[];
}

/** Where `npm run render` writes a stack's workload, relative to the repository root. */
export function manifestPath(stackName: string): string {
    return `deploy/${stackName}`;
}

function applicationName(stackName: string): string {
    return `${APP_NAME}-${stackName}`;
}

const labels = (spec: GitOpsSpec) => ({ "app.kubernetes.io/name": APP_NAME, "app.kubernetes.io/part-of": PART_OF, "platform/stack": spec.stackName });

/** Group of an apiVersion ("apps/v1" → "apps", "v1" → "" for the core group). */
function apiGroup(apiVersion: string): string {
    return apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
}

export function appProject(spec: GitOpsSpec): IAppProject {
    const kinds = [...new Map(spec.workload.map((o) => [`${apiGroup(o.apiVersion)}/${o.kind}`, { group: apiGroup(o.apiVersion), kind: o.kind }])).values()];
    return {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "AppProject",
        metadata: { name: applicationName(spec.stackName), namespace: spec.argocdNamespace, labels: labels(spec) },
        spec: {
            description: `The ${APP_NAME} workload of stack ${spec.stackName}, rendered from this repository`,
            sourceRepos: [spec.repoUrl],
            destinations: [{ server: IN_CLUSTER, namespace: spec.appNamespace }],
            // Namespaced kinds only, and only those the workload uses: Git can never create cluster-scoped
            // objects, a Namespace, RBAC or anything the landing zone owns.
            clusterResourceWhitelist: [],
            namespaceResourceWhitelist: kinds,
        },
    };
}

export function application(spec: GitOpsSpec): IApplication {
    return {
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Application",
        metadata: {
            name: applicationName(spec.stackName),
            namespace: spec.argocdNamespace,
            labels: labels(spec),
            // Deleting the Application (e.g. pulumi destroy) prunes what it deployed.
            finalizers: ["resources-finalizer.argocd.argoproj.io"],
        },
        spec: {
            project: applicationName(spec.stackName),
            source: { repoURL: spec.repoUrl, targetRevision: spec.targetRevision, path: manifestPath(spec.stackName), directory: { recurse: false } },
            destination: { server: IN_CLUSTER, namespace: spec.appNamespace },
            syncPolicy: {
                automated: { prune: true, selfHeal: true },
                syncOptions: [
                    // Server-side apply: field ownership is explicit, so the HPA's writes to replicas never conflict.
                    "ServerSideApply=true",
                    "RespectIgnoreDifferences=true",
                    // The landing zone (Pulumi) owns the namespace.
                    "CreateNamespace=false",
                    "PruneLast=true",
                ],
                retry: { limit: 5, backoff: { duration: "10s", factor: 2, maxDuration: "3m" } },
            },
            // The HPA owns the replica count; the rendered Deployment has none, and drift there is expected.
            ignoreDifferences: [{ group: "apps", kind: "Deployment", jsonPointers: ["/spec/replicas"] }],
        },
    };
}
