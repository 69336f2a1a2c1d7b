// What a reviewer reads first in out/<stack>/: the summary (counts by type, protected resources, the tree),
// and scripts as text files instead of escaped JSON strings.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { countsByType, resourceTree, summaryText } from "../../synth";
import { writeSynth } from "../../synth";
import { STACKS, synthOnce } from "../support/stacks";

describe("synth: summary and scripts as text", () => {
    for (const stack of STACKS) {
        it(`${stack}: the summary counts every resource by type, lists the protected ones, and the tree holds each resource once`, async () => {
            const result = await synthOnce(stack);
            const real = result.resources.filter((r) => r.type !== "pulumi:pulumi:Stack");
            const counts = countsByType(result.resources);
            assert.equal(counts.reduce((sum, [, count]) => sum + count, 0), real.length);
            assert.equal(new Map(counts).get("kubernetes:helm.sh/v3:Release"), real.filter((r) => r.type === "kubernetes:helm.sh/v3:Release").length);

            const text = summaryText(result);
            assert.ok(text.startsWith(`stack ${stack}: ${real.length} resources`));
            const protectedSection = text.split("\nprotected (")[1].split("\n\n")[0];
            const protectedNames = real.filter((r) => r.options.protect).map((r) => r.name);
            assert.ok(protectedSection.startsWith(`${protectedNames.length})`), protectedSection);
            for (const name of protectedNames) assert.ok(protectedSection.includes(`  ${name} (`), `${name} listed as protected`);

            const tree = resourceTree(result.resources);
            assert.equal(tree.length, result.resources.length, "one line per resource, the stack included");
            for (const resource of real) assert.equal(tree.filter((line) => line.includes(`─ ${resource.name} (${resource.type})`)).length, 1, resource.name);
            // A child sits one level below its parent: the Argo CD release under its component, under the platform.
            const at = (name: string) => tree.findIndex((line) => line.includes(`─ ${name} (`));
            const depth = (name: string) => tree[at(name)].indexOf("─");
            assert.ok(depth("platform-argocd-release") > depth("platform-argocd") && depth("platform-argocd") > depth("platform"));
        });
    }

    it("writes summary.txt, and each local.Command script as a shell file the JSON points to", async () => {
        const result = await synthOnce("dev");
        const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "synth-summary-"));
        writeSynth(result, outRoot);
        const dir = path.join(outRoot, "dev");
        assert.equal(fs.readFileSync(path.join(dir, "summary.txt"), "utf8"), summaryText(result));
        const command = JSON.parse(fs.readFileSync(path.join(dir, "other", "Command_cluster-create.json"), "utf8")) as { inputs: Record<string, unknown> };
        assert.equal(command.inputs.create, "<file: Command_cluster-create.create.sh>");
        assert.equal(command.inputs.delete, "<file: Command_cluster-create.delete.sh>");
        const create = fs.readFileSync(path.join(dir, "other", "Command_cluster-create.create.sh"), "utf8");
        assert.ok(create.startsWith("#!/usr/bin/env bash\n"), "a script, line by line");
        assert.ok(create.split("\n").length > 10);
        // No JSON file under out/ keeps a multi-line string escaped.
        for (const sub of ["other", "azure"]) {
            if (!fs.existsSync(path.join(dir, sub))) continue;
            for (const file of fs.readdirSync(path.join(dir, sub)).filter((name) => name.endsWith(".json"))) {
                assert.doesNotMatch(fs.readFileSync(path.join(dir, sub, file), "utf8"), /\\n/, `${file} holds an escaped multi-line string`);
            }
        }
        fs.rmSync(outRoot, { recursive: true, force: true });
    });
});
