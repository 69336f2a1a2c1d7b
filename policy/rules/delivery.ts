// Rules for how software reaches the cluster: pinned Helm charts, Helm releases that roll back on
// failure, and Argo CD Applications that keep the cluster equal to the repo.
import { at, isKind, isRecord, label, record, show, text, type PlainResource, type ResourceRule } from "./model";

const HELM_TYPES = new Set(["kubernetes:helm.sh/v3:Release", "kubernetes:helm.sh/v4:Chart"]);
const HELM_RELEASE = "kubernetes:helm.sh/v3:Release";

/** Exact SemVer 2.0 (a leading "v" is accepted, as chart repositories publish both). */
const EXACT_SEMVER = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;

export function isExactVersion(version: unknown): boolean {
    return typeof version === "string" && EXACT_SEMVER.test(version);
}

function helmLabel(resource: PlainResource): string {
    return `Helm release "${resource.name}" (chart ${show(resource.props.chart)})`;
}

function helmPinned(resource: PlainResource): string[] {
    if (!HELM_TYPES.has(resource.type)) return [];
    const problems: string[] = [];
    if (!isExactVersion(resource.props.version)) {
        problems.push(
            `${helmLabel(resource)}: version ${show(resource.props.version)} is not an exact chart version; an empty version or a range installs whatever the repository publishes next. Fix: pin an exact version such as "1.2.3".`,
        );
    }
    const repo = text(at(resource.props, "repositoryOpts", "repo")) ?? "";
    const chart = text(resource.props.chart) ?? "";
    if (repo.trim() === "" && !chart.startsWith("oci://")) {
        problems.push(
            `${helmLabel(resource)}: repositoryOpts.repo is not set, so the chart would come from whatever Helm repositories the machine running Pulumi has configured. Fix: set repositoryOpts.repo to the chart repository URL (or use an oci:// chart reference).`,
        );
    }
    return problems;
}

function helmAtomic(resource: PlainResource): string[] {
    if (resource.type !== HELM_RELEASE) return [];
    const problems: string[] = [];
    if (resource.props.atomic !== true) {
        problems.push(`${helmLabel(resource)} does not set atomic: true; a failed upgrade stays half-applied instead of rolling back. Fix: set atomic: true.`);
    }
    if (resource.props.timeout === undefined) {
        problems.push(`${helmLabel(resource)} has no explicit timeout (seconds); the 300 s default suits neither a large chart nor failing fast. Fix: set timeout.`);
    }
    return problems;
}

function argoAutoSync(resource: PlainResource): string[] {
    if (!isKind(resource, "Application", "argoproj.io")) return [];
    const automated = at(resource.props, "spec", "syncPolicy", "automated");
    const fix = "Fix: set spec.syncPolicy.automated: { prune: true, selfHeal: true }.";
    if (!isRecord(automated)) return [`Argo CD ${label(resource)} has no spec.syncPolicy.automated; new commits and drift wait for a manual sync. ${fix}`];
    const problems: string[] = [];
    if (record(automated).prune !== true) problems.push(`Argo CD ${label(resource)} does not prune; objects removed from the repo stay in the cluster. ${fix}`);
    if (record(automated).selfHeal !== true) problems.push(`Argo CD ${label(resource)} does not self-heal; manual changes in the cluster are not reverted. ${fix}`);
    return problems;
}

export const deliveryRules: ResourceRule[] = [
    {
        id: "helm-release-pinned",
        level: "mandatory",
        scope: "resource",
        gitops: false,
        description: "Every Helm release pins an exact chart version and names its repository (repositoryOpts.repo or an oci:// chart).",
        check: helmPinned,
    },
    {
        id: "helm-release-atomic",
        level: "advisory",
        scope: "resource",
        gitops: false,
        description: "Helm releases roll back on failure (atomic: true) and set an explicit timeout.",
        check: helmAtomic,
    },
    {
        id: "argocd-automated-sync",
        level: "advisory",
        scope: "resource",
        gitops: true,
        description: "Argo CD Applications sync automatically with prune and selfHeal.",
        check: argoAutoSync,
    },
];
