// Reads the rendered GitOps manifests of a stack (deploy/<stack>/*.yaml) as plain resources, so the
// workload rules also judge what Argo CD applies: in gitops stacks the Deployment, HPA and PDB are files in
// this repo, not Pulumi resources. Argo CD reads the folder without recursion, and so does this.
import * as fs from "node:fs";
import * as path from "node:path";
import { parseAllDocuments } from "yaml";
import { isRecord, kubernetesType, type PlainResource } from "./rules/model";

/** The Kubernetes objects in one manifest file; `file` is the repo-relative path used to name them. */
export function parseManifests(file: string, content: string): PlainResource[] {
    const objects = parseAllDocuments(content).flatMap((document, index) => {
        const [error] = document.errors;
        if (error !== undefined) throw new Error(`${file}: document ${index + 1} is not valid YAML: ${error.message}`);
        const value: unknown = document.toJS();
        return value === null || value === undefined ? [] : [value];
    });
    return objects.map((value, index) => {
        if (!isRecord(value) || typeof value.apiVersion !== "string" || typeof value.kind !== "string") {
            throw new Error(`${file}: object ${index + 1} is not a Kubernetes object (it needs apiVersion and kind)`);
        }
        return { type: kubernetesType(value.apiVersion, value.kind), name: objects.length > 1 ? `${file}#${index + 1}` : file, props: value, protect: false };
    });
}

/**
 * Where deploy/ is for a pack in `packDir`: the pack's own copy when it carries one (a published pack, see
 * scripts/bundle-manifests.cjs), else the repository the pack sits in (a checkout: `--policy-pack policy`).
 * A published pack is installed under the Pulumi home, where the parent has no deploy/: it then finds
 * nothing, and the `gitops-manifests-present` rule fails the stack.
 */
export function manifestRoot(packDir: string): string {
    return fs.existsSync(path.join(packDir, "deploy")) ? packDir : path.resolve(packDir, "..");
}

/** Every object under `<root>/deploy/<stack>/`, files in name order; none when the folder does not exist. */
export function loadRenderedManifests(root: string, stack: string): PlainResource[] {
    const folder = path.join(root, "deploy", stack);
    if (!fs.existsSync(folder)) return [];
    return fs
        .readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
        .map((entry) => entry.name)
        .sort()
        .flatMap((name) => parseManifests(`deploy/${stack}/${name}`, fs.readFileSync(path.join(folder, name), "utf8")));
}
