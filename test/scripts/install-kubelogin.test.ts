// The kubelogin installer, run on zip archives built here (one deflated, one stored entry), and the pin it reads.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as zlib from "node:zlib";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script run by plain node in CI
const installer = require("../../scripts/install-kubelogin.cjs") as {
    extractFromZip(zip: Buffer, entry: string): Buffer;
    installFromZip(zip: Buffer, dir: string, pin: Pin, key: string): string;
    platformKey(platform: string, arch: string): string;
    readPin(): Pin;
};

interface Pin {
    version: string;
    assets: Record<string, { url: string; sha256: string; binary: string }>;
}

/** A zip archive (PKWARE APPNOTE layout) holding `files`; the first entry deflated, the rest stored. */
function zipOf(files: Record<string, Buffer>): Buffer {
    const locals: Buffer[] = [];
    const centrals: Buffer[] = [];
    let offset = 0;
    Object.entries(files).forEach(([name, content], index) => {
        const method = index === 0 ? 8 : 0;
        const data = method === 8 ? zlib.deflateRawSync(content) : content;
        const nameBytes = Buffer.from(name, "utf8");
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(method, 8);
        local.writeUInt32LE(data.length, 18);
        local.writeUInt32LE(content.length, 22);
        local.writeUInt16LE(nameBytes.length, 26);
        const central = Buffer.alloc(46);
        central.writeUInt32LE(0x02014b50, 0);
        central.writeUInt16LE(method, 10);
        central.writeUInt32LE(data.length, 20);
        central.writeUInt32LE(content.length, 24);
        central.writeUInt16LE(nameBytes.length, 28);
        central.writeUInt32LE(offset, 42);
        locals.push(local, nameBytes, data);
        centrals.push(central, nameBytes);
        offset += local.length + nameBytes.length + data.length;
    });
    const directory = Buffer.concat(centrals);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Object.keys(files).length, 8);
    end.writeUInt16LE(Object.keys(files).length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
    return Buffer.concat([...locals, directory, end]);
}

const BINARY = Buffer.from("#!/bin/sh\necho kubelogin stand-in\n");
const ZIP = zipOf({ "bin/linux_amd64/kubelogin": BINARY, "bin/linux_amd64/LICENSE": Buffer.from("MIT\n") });
const testPin = (sha256: string): Pin => ({ version: "0.0.0", assets: { "linux-amd64": { url: "https://example.invalid/kubelogin.zip", sha256, binary: "bin/linux_amd64/kubelogin" } } });

describe("scripts/install-kubelogin.cjs", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "kubelogin-install-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("installs the binary from a zip whose sha256 matches the pin, executable", () => {
        const target = installer.installFromZip(ZIP, dir, testPin(createHash("sha256").update(ZIP).digest("hex")), "linux-amd64");
        assert.equal(target, path.join(dir, "kubelogin"));
        assert.deepEqual(fs.readFileSync(target), BINARY);
        assert.equal(fs.statSync(target).mode & 0o111, 0o111);
    });

    it("refuses a zip whose sha256 is not the pinned one, and installs nothing", () => {
        assert.throws(() => installer.installFromZip(ZIP, dir, testPin("0".repeat(64)), "linux-amd64"), /sha256 [0-9a-f]{64} does not match the pinned 0{64}.*refusing to install/);
        assert.equal(fs.existsSync(path.join(dir, "kubelogin")), false);
    });

    it("reads stored and deflated entries and names a missing one", () => {
        assert.deepEqual(installer.extractFromZip(ZIP, "bin/linux_amd64/LICENSE"), Buffer.from("MIT\n"));
        assert.throws(() => installer.extractFromZip(ZIP, "bin/darwin_arm64/kubelogin"), /bin\/darwin_arm64\/kubelogin: not in the archive/);
        assert.throws(() => installer.extractFromZip(Buffer.from("not a zip"), "x"), /not a zip archive/);
    });

    it("names the platform when the pin has no asset for it", () => {
        assert.equal(installer.platformKey("linux", "x64"), "linux-amd64");
        assert.throws(() => installer.installFromZip(ZIP, dir, testPin("0".repeat(64)), "darwin-arm64"), /no asset for platform darwin-arm64; pinned: linux-amd64/);
    });

    it("runs as a command: KUBELOGIN_ZIP installs from a local file and verifies it against versions/kubelogin.json", () => {
        const zipFile = path.join(dir, "kubelogin.zip");
        fs.writeFileSync(zipFile, ZIP);
        const run = spawnSync(process.execPath, [path.join(__dirname, "..", "..", "scripts", "install-kubelogin.cjs"), path.join(dir, "bin")], { encoding: "utf8", env: { PATH: process.env.PATH ?? "", KUBELOGIN_ZIP: zipFile } });
        assert.equal(run.status, 1, "the stand-in zip is not the pinned release");
        assert.match(run.stderr, /kubelogin-linux-amd64\.zip: sha256 [0-9a-f]{64} does not match the pinned/);
        assert.equal(fs.existsSync(path.join(dir, "bin", "kubelogin")), false);
    });

    it("pins one kubelogin release: the version, its GitHub release URLs and a sha256 per platform", () => {
        const pin = installer.readPin();
        assert.match(pin.version, /^\d+\.\d+\.\d+$/);
        for (const [key, asset] of Object.entries(pin.assets)) {
            const arch = key.split("-")[1];
            assert.equal(asset.url, `https://github.com/Azure/kubelogin/releases/download/v${pin.version}/kubelogin-${key}.zip`);
            assert.match(asset.sha256, /^[0-9a-f]{64}$/);
            assert.equal(asset.binary, `bin/linux_${arch}/kubelogin`);
        }
        assert.ok("linux-amd64" in pin.assets, "the Deployments executor and GitHub runners are linux/amd64");
    });
});
