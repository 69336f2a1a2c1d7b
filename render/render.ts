// Renders the workload of every gitops stack to deploy/<stack>/ (one object per file), and removes what no
// stack renders any more: a stack switched to direct delivery, or a deploy/<stack>/ whose stack file is gone.
import * as fs from "node:fs";
import * as path from "node:path";
import { manifestPath } from "../components/app";
import { renderManifests } from "../components/app";
import { discoverStacks, ROOT } from "../synth";
import { gitopsWorkload } from "./stacks";

/** Writes deploy/ for `stacks` (default: every stack of `root`); returns one line per stack for the log. */
export function renderStacks(root = ROOT, stacks: readonly string[] = discoverStacks(root)): string[] {
    const report: string[] = [];
    // Folders of stacks that no longer exist; only when rendering every stack, so --stack never removes others.
    const all = discoverStacks(root);
    const deployDir = path.join(root, path.dirname(manifestPath("x")));
    if (stacks.length === all.length && fs.existsSync(deployDir)) {
        for (const entry of fs.readdirSync(deployDir)) {
            if (all.includes(entry)) continue;
            fs.rmSync(path.join(deployDir, entry), { recursive: true, force: true });
            report.push(`${entry}: no Pulumi.${entry}.yaml, removed ${path.relative(root, path.join(deployDir, entry))}/`);
        }
    }
    for (const stack of stacks) {
        const dir = path.join(root, manifestPath(stack));
        const workload = gitopsWorkload(stack, root);
        fs.rmSync(dir, { recursive: true, force: true });
        if (workload === undefined) {
            report.push(`${stack}: delivery is direct, nothing to render`);
            continue;
        }
        fs.mkdirSync(dir, { recursive: true });
        const files = renderManifests(stack, workload);
        for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
        report.push(`${stack}: ${files.size} manifests -> ${path.relative(root, dir)}/`);
    }
    return report;
}
