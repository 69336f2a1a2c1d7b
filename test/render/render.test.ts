import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { manifestPath } from "../../components/app";
import { manifestHeader, renderManifests, sortKeys } from "../../components/app";
import { gitopsWorkload } from "../../render";
import { revealSecrets } from "../../synth";
import { synthesize } from "../../synth";
import { platformProgram } from "../../program";
import { PROJECT } from "../../stacks";
import { offlineConfig, ROOT, STACKS } from "../../synth";
import { MARKER_VALUES, SECRET_MARKERS } from "../support/stacks";

/** Every stack whose file asks for gitops delivery, discovered: a new stack is checked as soon as it exists. */
const GITOPS_STACKS = STACKS.filter((stack) => gitopsWorkload(stack) !== undefined);

function committedFiles(stack: string): Map<string, string> {
    const dir = path.join(ROOT, manifestPath(stack));
    return new Map(fs.existsSync(dir) ? fs.readdirSync(dir).map((file) => [file, fs.readFileSync(path.join(dir, file), "utf8")]) : []);
}

function freshRender(stack: string): Map<string, string> {
    const workload = gitopsWorkload(stack);
    assert.ok(workload, `${stack} is a gitops stack`);
    return renderManifests(stack, workload);
}

describe("render: deploy/<stack>/ for Argo CD", () => {
    for (const stack of GITOPS_STACKS) {
        it(`${stack}: the committed manifests are exactly a fresh render (run \`npm run render\` and commit when this fails)`, () => {
            const fresh = freshRender(stack);
            const committed = committedFiles(stack);
            assert.deepEqual([...committed.keys()].sort(), [...fresh.keys()].sort(), `deploy/${stack}/ holds other files than the render`);
            for (const [file, text] of fresh) assert.equal(committed.get(file), text, `deploy/${stack}/${file} is stale`);
        });
    }

    it("deploy/ holds a folder for each gitops stack and nothing else (a removed stack leaves no manifests behind)", () => {
        assert.ok(GITOPS_STACKS.includes("staging") && GITOPS_STACKS.includes("prod"));
        assert.deepEqual(fs.readdirSync(path.join(ROOT, "deploy")).sort(), [...GITOPS_STACKS].sort());
    });

    it("dev delivers directly and renders nothing", () => {
        assert.equal(gitopsWorkload("dev"), undefined);
        assert.equal(fs.existsSync(path.join(ROOT, manifestPath("dev"))), false);
    });

    it("renders deterministically: one object per file, stable names, sorted keys, a generated-file header", () => {
        const first = freshRender("prod");
        assert.deepEqual(freshRender("prod"), first);
        for (const [file, text] of first) {
            assert.ok(text.startsWith(manifestHeader("prod")), `${file} has the header`);
            const documents = text.split(/^---$/m);
            assert.equal(documents.length, 1, `${file} holds one object`);
            const object = parse(text) as Record<string, unknown>;
            assert.equal(file, `${String(object.kind).toLowerCase()}-${(object.metadata as { name: string }).name}.yaml`);
            assert.deepEqual(JSON.stringify(object), JSON.stringify(sortKeys(object)), `${file} keys are sorted`);
        }
    });

    it("leaves the replica count to the HPA: no Deployment in Git sets spec.replicas", () => {
        for (const stack of GITOPS_STACKS) {
            const deployment = parse(committedFiles(stack).get("deployment-greeter.yaml") ?? "") as { spec: Record<string, unknown> };
            assert.ok(deployment.spec, `${stack} renders the Deployment`);
            assert.equal("replicas" in deployment.spec, false, `${stack}: replicas belongs to the HPA`);
        }
    });

    it("never writes a secret into a manifest: the greeting only arrives as a mounted Secret", () => {
        for (const stack of GITOPS_STACKS) {
            const text = [...committedFiles(stack).values()].join("\n");
            for (const marker of MARKER_VALUES) assert.ok(!text.includes(marker));
            assert.match(text, /secret:\n\s+defaultMode: 288\n\s+secretName: greeter-greeting/);
            assert.equal(/kind: Secret\b/.test(text), false, "no Secret object in Git");
        }
    });

    for (const stack of GITOPS_STACKS) {
        it(`${stack}: the rendered objects equal what direct delivery would create`, async () => {
            const { config, secretKeys } = offlineConfig(stack, SECRET_MARKERS);
            const app = config[`${PROJECT}:app`] as Record<string, unknown>;
            const direct = await synthesize({ project: PROJECT, stack, config: { ...config, [`${PROJECT}:app`]: { ...app, delivery: "direct" } }, secretKeys, program: platformProgram });
            const created = new Map(
                direct.resources
                    .filter((r) => r.parent.endsWith("::app") && r.type.startsWith("kubernetes:") && r.name.startsWith("app-") && !r.name.startsWith("app-networkpolicy"))
                    .map((r) => [`${String(r.inputs.kind).toLowerCase()}-${(r.inputs.metadata as { name: string }).name}`, revealSecrets(r.inputs)]),
            );
            for (const [file, text] of freshRender(stack)) {
                const key = file.replace(/\.yaml$/, "");
                assert.ok(created.has(key), `direct delivery creates ${key}`);
                assert.deepEqual(sortKeys(created.get(key)), parse(text), `${stack}: ${file} differs from the direct-delivery resource`);
            }
        });
    }
});
