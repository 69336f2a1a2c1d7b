// The policy pack as it is published: `npm pack` of policy/ (its prepack bundles deploy/ into the pack), unpacked in
// a temporary folder outside the repository, started the way the CLI starts it. A published pack runs from its
// install folder under the Pulumi home, with no repository around it; this is that situation. Its dependencies
// are not in the tarball (Pulumi installs them from the packed npm-shrinkwrap.json); here node_modules is a link
// to policy/node_modules, the tree that lock file describes.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { AnalyzeResponse } from "@pulumi/pulumi/proto/analyzer_pb";
import { ROOT } from "../../synth";
import { LEVELS, POLICY_DIR, settle, stackRequest, startPack, stop, type Served } from "./analyzer";
import { argoApplication, defaultDeny, namespace } from "./fixtures";

function run(command: string, args: string[], cwd: string): string {
    const result = spawnSync(command, args, { cwd, encoding: "utf8" });
    assert.equal(result.status, 0, `${command} ${args.join(" ")} failed: ${result.stderr}`);
    return result.stdout;
}

/** The staging Argo CD Application as the program registers it: it syncs deploy/staging. */
function stagingApplication() {
    const app = argoApplication();
    (app.props.spec as { source: { path: string } }).source.path = "deploy/staging";
    return app;
}

describe("the packed policy pack, outside the repository", function () {
    this.timeout(120_000);
    let outside: string;
    let pack: string;
    let served: Served | undefined;

    before(() => {
        outside = fs.mkdtempSync(path.join(os.tmpdir(), "policy-pack-"));
        assert.ok(!path.relative(ROOT, outside).match(/^[^.]/), "the folder is outside the repository");
        run("npm", ["pack", "--pack-destination", outside, "--loglevel=error"], POLICY_DIR);
        const [tarball] = fs.readdirSync(outside).filter((name) => name.endsWith(".tgz"));
        run("tar", ["-xzf", path.join(outside, tarball), "-C", outside], outside);
        pack = path.join(outside, "package");
        fs.symlinkSync(path.join(POLICY_DIR, "node_modules"), path.join(pack, "node_modules"), "dir");
    });
    afterEach(() => {
        stop(served);
        served = undefined;
    });
    after(() => fs.rmSync(outside, { recursive: true, force: true }));

    it("carries the rendered manifests of every gitops stack, byte for byte, and the lock file", () => {
        for (const stack of ["staging", "prod"]) {
            const rendered = fs.readdirSync(path.join(ROOT, "deploy", stack)).sort();
            assert.ok(rendered.length > 0);
            assert.deepEqual(fs.readdirSync(path.join(pack, "deploy", stack)).sort(), rendered, `deploy/${stack}`);
            for (const file of rendered) assert.equal(fs.readFileSync(path.join(pack, "deploy", stack, file), "utf8"), fs.readFileSync(path.join(ROOT, "deploy", stack, file), "utf8"));
        }
        assert.ok(fs.existsSync(path.join(pack, "npm-shrinkwrap.json")), "npm-shrinkwrap.json travels with the pack");
        assert.ok(!fs.existsSync(path.join(POLICY_DIR, "deploy")), "postpack removed the bundled copy from the checkout");
    });

    it("judges the bundled manifests of the stack's Application, and finds them complete", async () => {
        served = await startPack("staging", {}, pack);
        // Only the namespace objects are sent: the Deployment, HPA and PDB come from the pack's deploy/staging.
        const response = await settle<AnalyzeResponse>((done) => served!.client.analyzeStack(stackRequest([namespace(), defaultDeny(), stagingApplication()]), done));
        const mandatory = response.getDiagnosticsList().filter((d) => LEVELS[d.getEnforcementlevel()] === "mandatory");
        assert.deepEqual(mandatory.map((d) => `${d.getPolicyname()}: ${d.getMessage()}`), []);
        // Without the namespace objects, the namespace found is the one the bundled Deployment runs in.
        const bare = await settle<AnalyzeResponse>((done) => served!.client.analyzeStack(stackRequest([stagingApplication()]), done));
        const isolation = bare.getDiagnosticsList().filter((d) => d.getPolicyname() === "namespace-default-deny-ingress").map((d) => d.getMessage());
        assert.equal(isolation.length, 1);
        assert.match(isolation[0], /Deployment "deploy\/staging\/deployment-greeter\.yaml"/, "the rule saw the Deployment from the pack's own deploy/staging");
    });

    it("fails closed when the pack has no manifests for the folder the Application syncs", async () => {
        fs.rmSync(path.join(pack, "deploy"), { recursive: true, force: true });
        served = await startPack("staging", {}, pack);
        const response = await settle<AnalyzeResponse>((done) => served!.client.analyzeStack(stackRequest([namespace(), defaultDeny(), stagingApplication()]), done));
        const found = response.getDiagnosticsList().filter((d) => d.getPolicyname() === "gitops-manifests-present");
        assert.equal(found.length, 1);
        assert.equal(LEVELS[found[0].getEnforcementlevel()], "mandatory");
        assert.match(found[0].getMessage(), /syncs deploy\/staging\/, but the policy pack has no manifests for it/);
    });
});
