import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { isRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { parse } from "yaml";
import { readStackFile } from "../../synth";
import { OFFLINE_BANNER, writeSynth } from "../../synth";
import { MARKER_VALUES, STACKS, synthOnce } from "../support/stacks";

describe("synth: every committed stack", () => {
    for (const stack of STACKS) {
        it(`${stack}: synthesizes and writes an offline preview with no secret in plain text`, async () => {
            const result = await synthOnce(stack);
            assert.ok(result.resources.length > 3, `${stack} registered only ${result.resources.length} resources`);
            const outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
            const files = writeSynth(result, outRoot);
            const readme = fs.readFileSync(path.join(outRoot, stack, "README.txt"), "utf8");
            assert.ok(readme.startsWith(OFFLINE_BANNER), "the preview must say it is offline and not pulumi preview");
            const everything = files.map((file) => fs.readFileSync(file, "utf8")).join("\n");
            for (const marker of MARKER_VALUES) assert.ok(!everything.includes(marker), `secret marker ${marker} leaked into out/${stack}`);
            const listed = parse(fs.readFileSync(path.join(outRoot, stack, "resources.yaml"), "utf8")) as { type: string }[];
            assert.equal(listed.length, result.resources.length - 1, "every resource but the stack itself is listed");
            fs.rmSync(outRoot, { recursive: true, force: true });
        });
    }

    it("keeps secret stack outputs secret and plain outputs free of secret values", async () => {
        for (const stack of STACKS) {
            const { outputs } = await synthOnce(stack);
            const plain = Object.entries(outputs).filter(([, value]) => !isRpcSecret(value));
            const text = JSON.stringify(plain);
            for (const marker of MARKER_VALUES) assert.ok(!text.includes(marker), `${stack}: ${marker} in a plain output`);
            assert.ok(!text.includes("apiVersion: v1\nkind: Config"), `${stack}: kubeconfig in a plain output`);
        }
    });

    it("the committed stack files hold only project keys and differences from the presets", () => {
        for (const stack of STACKS) {
            const { config } = readStackFile(stack);
            assert.ok(Object.keys(config).every((key) => key.startsWith("platform:")), `${stack}: only project keys`);
        }
        assert.deepEqual(readStackFile("dev").config, {}, "dev runs on the preset alone");
    });
});
