// `npm run render`: writes the workload of every gitops stack to deploy/<stack>/ (and removes what a stack
// no longer renders), from the same builders the app component uses.
import * as fs from "node:fs";
import * as path from "node:path";
import { manifestPath } from "../components/app/gitops/argocd-objects";
import { renderManifests } from "../components/app/gitops/manifests";
import { ROOT, STACKS } from "../synth/stack-files";
import { gitopsWorkload } from "./stacks";

function main(): void {
    for (const stack of STACKS) {
        const dir = path.join(ROOT, manifestPath(stack));
        const workload = gitopsWorkload(stack);
        fs.rmSync(dir, { recursive: true, force: true });
        if (workload === undefined) {
            console.log(`${stack}: delivery is direct, nothing to render`);
            continue;
        }
        fs.mkdirSync(dir, { recursive: true });
        const files = renderManifests(stack, workload);
        for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);
        console.log(`${stack}: ${files.size} manifests -> ${path.relative(ROOT, dir)}/`);
    }
}

main();
