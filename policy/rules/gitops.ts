// What the workload rules can see in a gitops stack. Argo CD applies deploy/<stack>/ from the repo; the pack
// judges those files only if it has them (the published pack carries them, policy/scripts/bundle-manifests.cjs).
// Without them every workload rule would pass on nothing, so a stack whose Argo CD Application points at a
// folder the pack has no manifests for fails, instead of passing silently.
import { at, isKind, label, text, type PlainResource, type StackRule } from "./model";

/** Repo-relative folders (deploy/<stack>) that the stack's Argo CD Applications sync. */
export function gitopsFolders(resources: readonly PlainResource[]): string[] {
    const folders = resources
        .filter((resource) => isKind(resource, "Application", "argoproj.io"))
        .map((resource) => text(at(resource.props, "spec", "source", "path")))
        .filter((folder): folder is string => folder !== undefined && /^deploy\/[^/]+$/.test(folder));
    return [...new Set(folders)];
}

function manifestsPresent(resources: readonly PlainResource[]): string[] {
    return resources
        .filter((resource) => isKind(resource, "Application", "argoproj.io"))
        .flatMap((application) => {
            const folder = text(at(application.props, "spec", "source", "path"));
            if (folder === undefined || !/^deploy\/[^/]+$/.test(folder)) return [];
            if (resources.some((resource) => resource.name.startsWith(`${folder}/`))) return [];
            return [
                `Argo CD ${label(application)} syncs ${folder}/, but the policy pack has no manifests for it, so no workload rule could judge what Argo CD applies. Fix: publish the pack with the rendered manifests of the commit (deployments/ bundles deploy/ into the pack), or run it from a checkout that has ${folder}/.`,
            ];
        });
}

export const gitopsRules: StackRule[] = [
    {
        id: "gitops-manifests-present",
        level: "mandatory",
        scope: "stack",
        description: "Every folder an Argo CD Application syncs (deploy/<stack>) is present in the pack, so the workload rules judge what Argo CD applies.",
        check: manifestsPresent,
    },
];
