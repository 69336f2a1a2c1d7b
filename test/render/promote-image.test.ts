import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { setStackImage } from "../../render";
import { ROOT } from "../../synth";

const DIGEST_IMAGE = `ghcr.io/acme/platform/app:1.2.3@sha256:${"ab".repeat(32)}`;

describe("promote-image: the app image by digest in a stack file", () => {
    for (const stack of ["staging", "prod"]) {
        it(`writes the digest into Pulumi.${stack}.yaml and keeps everything else`, () => {
            const before = fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8");
            const after = setStackImage(before, stack, DIGEST_IMAGE);
            const parsed = parse(after) as { config: Record<string, { image?: string }> };
            assert.equal(parsed.config["platform:app"].image, DIGEST_IMAGE);
            const unchanged = (text: string) => text.split("\n").filter((line) => !line.includes("image:"));
            assert.deepEqual(unchanged(after), unchanged(before), "comments, gitops settings and environments are untouched");
        });
    }

    it("refuses a tag-only image and an unknown stack, naming the flag and what is allowed", () => {
        assert.throws(() => setStackImage("", "staging", "ghcr.io/acme/platform/app:1.2.3"), /--image = "ghcr.io\/acme\/platform\/app:1.2.3" is invalid: expected an image named by digest/);
        assert.throws(() => setStackImage("", "staging", `ghcr.io/acme/app@sha256:${"a".repeat(63)}`), /--image .* is invalid/);
        assert.throws(() => setStackImage("", "dev", DIGEST_IMAGE), /--stack = "dev" is invalid: expected one of staging, prod/);
    });
});

describe("images by digest in the staging and prod manifests", () => {
    for (const stack of ["staging", "prod"]) {
        it(`every image in deploy/${stack}/ and Pulumi.${stack}.yaml has @sha256:`, () => {
            const dir = path.join(ROOT, "deploy", stack);
            const images = fs
                .readdirSync(dir)
                .flatMap((file) => [...fs.readFileSync(path.join(dir, file), "utf8").matchAll(/^\s*(?:- )?image:\s*(\S+)/gm)].map((m) => m[1]));
            assert.ok(images.length > 0, `deploy/${stack} names no image`);
            for (const image of images) assert.match(image, /@sha256:[0-9a-f]{64}$/, `deploy/${stack}: ${image}`);
            const stackFile = parse(fs.readFileSync(path.join(ROOT, `Pulumi.${stack}.yaml`), "utf8")) as { config: Record<string, { image?: string }> };
            assert.match(String(stackFile.config["platform:app"].image), /@sha256:[0-9a-f]{64}$/);
        });
    }
});
