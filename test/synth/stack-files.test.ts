// What the Pulumi CLI does with a stack before the program runs, modelled offline: required config must have
// a source, encrypted values are normal, ESC environments must be ones this repository defines.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { SECRET_KEYS } from "../../stacks";
import { revealSecrets } from "../../synth";
import { stackSecretsKeys } from "../../synth";
import { synthStack } from "../../synth";
import { declaredConfig, offlineConfig, readStackFile, ROOT, StackFileError, STACKS } from "../../synth";

/** A scratch copy of the project's config files (Pulumi.yaml, stack files, the ESC skeleton). */
function scratchRoot(): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "stack-files-"));
    for (const file of fs.readdirSync(ROOT).filter((name) => /^Pulumi(\.[a-z0-9-]+)?\.yaml$/.test(name))) fs.copyFileSync(path.join(ROOT, file), path.join(root, file));
    fs.mkdirSync(path.join(root, "deployments", "esc"), { recursive: true });
    fs.copyFileSync(path.join(ROOT, "deployments", "esc", "stack-secrets.yaml"), path.join(root, "deployments", "esc", "stack-secrets.yaml"));
    return root;
}

function failureOf(run: () => unknown): StackFileError {
    try {
        run();
    } catch (error) {
        assert.ok(error instanceof StackFileError, String(error));
        return error;
    }
    assert.fail("expected the CLI's config check to refuse the stack");
}

describe("synth/stack-files: the CLI's view of a stack", () => {
    it("every committed stack passes the CLI's config check on a fresh clone", () => {
        for (const stack of STACKS) assert.doesNotThrow(() => offlineConfig(stack), stack);
    });

    it("Pulumi.yaml requires nothing a fresh clone lacks: every declared key has a default", () => {
        const required = Object.entries(declaredConfig()).filter(([, key]) => key.default === undefined && key.value === undefined);
        assert.deepEqual(required, []);
    });

    it("declares every secret key as an empty-default string (Pulumi refuses defaults on `secret: true` keys)", () => {
        const declared = declaredConfig();
        for (const key of SECRET_KEYS) assert.deepEqual([declared[key]?.type, declared[key]?.default, declared[key]?.secret], ["string", "", undefined], key);
    });

    it("staging and prod read their secrets from their ESC <stack>-secrets environment, which holds every secret key", () => {
        assert.deepEqual(stackSecretsKeys(ROOT).sort(), [...SECRET_KEYS].sort());
        for (const stack of ["staging", "prod"]) {
            assert.deepEqual(readStackFile(stack).environments, [`platform/azure-${stack}`, `platform/${stack}-secrets`]);
            const { secretKeys } = offlineConfig(stack);
            assert.deepEqual(secretKeys.sort(), SECRET_KEYS.map((key) => `platform:${key}`).sort(), `${stack}: the CLI passes them as secrets`);
        }
        assert.deepEqual(offlineConfig("dev").secretKeys, [], "dev needs no secret: built-in greeting, no receiver");
    });

    it("names a missing required key, the stack and the fix, as the CLI would stop", () => {
        const root = scratchRoot();
        const project = parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8")) as { config: Record<string, unknown> };
        project.config.teamEmail = { type: "string", description: "required, no default" };
        fs.writeFileSync(path.join(root, "Pulumi.yaml"), JSON.stringify(project));
        const error = failureOf(() => offlineConfig("staging", {}, root));
        assert.match(error.message, /Pulumi\.staging\.yaml/);
        assert.match(error.problems[0], /^Stack 'staging' is missing configuration value 'teamEmail': set it in Pulumi\.staging\.yaml \(`pulumi config set \[--secret\] <key> <value> --stack staging`\) or in an ESC environment/);
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("refuses an import of an ESC environment this repository does not define", () => {
        const root = scratchRoot();
        fs.appendFileSync(path.join(root, "Pulumi.prod.yaml"), "  - platform/shared-team-secrets\n");
        const error = failureOf(() => offlineConfig("prod", {}, root));
        assert.match(error.problems[0], /imports ESC environment "platform\/shared-team-secrets", which this repository does not define/);
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("names the file of a stack file that is not YAML", () => {
        const root = scratchRoot();
        fs.writeFileSync(path.join(root, "Pulumi.dev.yaml"), "config:\n  platform:app: [unclosed\n");
        const error = failureOf(() => readStackFile("dev", root));
        assert.match(error.message, /Pulumi\.dev\.yaml/);
        assert.match(error.problems[0], /^is not valid YAML: /);
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("a stack file with secure: values (what `pulumi config set --secret` writes) synthesizes, the value an opaque secret", async () => {
        const root = scratchRoot();
        // Exactly the shape the CLI writes with the passphrase provider: a salt, and the ciphertext under `secure`.
        fs.writeFileSync(
            path.join(root, "Pulumi.dev.yaml"),
            "encryptionsalt: v1:0u2gUxyT3yY=:v1:Ob3E7xkFf0cNiBz5:lZsWbX2zVPpYgC6u8ZLV3ykz/mNn1A==\nconfig:\n  platform:greeting:\n    secure: v1:cMpdIfgCRl2Dw0iy:tW3l3b3Yt2HHs8o0Yw6TbjxJm3vxL+Gq\n",
        );
        const { config, secretKeys } = offlineConfig("dev", {}, root);
        assert.equal(config["platform:greeting"], "[secret config platform:greeting]");
        assert.deepEqual(secretKeys, ["platform:greeting"]);
        const result = await synthStack("dev", {}, root);
        const secret = result.resources.find((r) => r.name === "app-greeting");
        assert.match(JSON.stringify(revealSecrets(secret?.inputs)), /\[secret config platform:greeting\]/, "the stack's own greeting reaches the Secret");
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("a secret key set in plain text is refused by the program before any resource, naming the key", async () => {
        const root = scratchRoot();
        fs.writeFileSync(path.join(root, "Pulumi.dev.yaml"), "config:\n  platform:greeting: hello in plain text\n");
        await assert.rejects(synthStack("dev", {}, root), (error: Error & { resources?: unknown[]; cause?: Error }) => {
            assert.match(String(error.message), /greeting = \(plain text\): secret config must be encrypted/);
            assert.doesNotMatch(String(error.message), /hello in plain text/);
            assert.deepEqual((error.resources ?? []).filter((r) => (r as { type: string }).type !== "pulumi:pulumi:Stack"), []);
            return true;
        });
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("scripts/dev-up.sh writes no config, so the tracked stack file stays as committed", () => {
        const script = fs.readFileSync(path.join(ROOT, "scripts", "dev-up.sh"), "utf8");
        assert.doesNotMatch(script, /pulumi config set/);
    });
});
