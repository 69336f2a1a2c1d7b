#!/usr/bin/env node
// Installs the kubelogin pinned in versions/kubelogin.json into a directory on PATH, after checking the
// release zip against the pinned sha256. Runs where no person does: Pulumi Deployments (preRunCommands) and
// the preview jobs. Node only (no curl, unzip or sha256sum needed): the Deployments executor image is not ours.
// Usage: node scripts/install-kubelogin.cjs <install dir>   (KUBELOGIN_ZIP=<file> installs from a local zip)
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const https = require("node:https");
const path = require("node:path");
const zlib = require("node:zlib");

const PIN_FILE = path.join(__dirname, "..", "versions", "kubelogin.json");

function readPin(file = PIN_FILE) {
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** `linux-amd64` style platform key of this machine. */
function platformKey(platform = process.platform, arch = process.arch) {
    return `${platform}-${arch === "x64" ? "amd64" : arch}`;
}

function sha256(buffer) {
    return crypto.createHash("sha256").update(buffer).digest("hex");
}

/** Refuses bytes whose digest is not the pinned one; the message names both. */
function verify(buffer, expected, what) {
    const actual = sha256(buffer);
    if (actual !== expected) throw new Error(`${what}: sha256 ${actual} does not match the pinned ${expected} (versions/kubelogin.json); refusing to install`);
}

/** One file out of a zip archive (stored or deflated entries), read through the central directory. */
function extractFromZip(zip, entryName) {
    const END = 0x06054b50;
    let end = -1;
    for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
        if (zip.readUInt32LE(at) === END) {
            end = at;
            break;
        }
    }
    if (end < 0) throw new Error("not a zip archive (no end of central directory)");
    const entries = zip.readUInt16LE(end + 10);
    let at = zip.readUInt32LE(end + 16);
    for (let index = 0; index < entries; index++) {
        const method = zip.readUInt16LE(at + 10);
        const compressedSize = zip.readUInt32LE(at + 20);
        const nameLength = zip.readUInt16LE(at + 28);
        const extraLength = zip.readUInt16LE(at + 30);
        const commentLength = zip.readUInt16LE(at + 32);
        const localHeader = zip.readUInt32LE(at + 42);
        const name = zip.toString("utf8", at + 46, at + 46 + nameLength);
        if (name === entryName) {
            const dataStart = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
            const data = zip.subarray(dataStart, dataStart + compressedSize);
            if (method === 0) return Buffer.from(data);
            if (method === 8) return zlib.inflateRawSync(data);
            throw new Error(`${entryName}: unsupported zip compression method ${method}`);
        }
        at += 46 + nameLength + extraLength + commentLength;
    }
    throw new Error(`${entryName}: not in the archive`);
}

function download(url, redirects = 5) {
    return new Promise((resolve, reject) => {
        https
            .get(url, { headers: { "User-Agent": "platform-install-kubelogin" } }, (response) => {
                const status = response.statusCode ?? 0;
                if (status >= 300 && status < 400 && response.headers.location && redirects > 0) {
                    response.resume();
                    resolve(download(new URL(response.headers.location, url).toString(), redirects - 1));
                    return;
                }
                if (status !== 200) {
                    response.resume();
                    reject(new Error(`GET ${url}: HTTP ${status}`));
                    return;
                }
                const chunks = [];
                response.on("data", (chunk) => chunks.push(chunk));
                response.on("end", () => resolve(Buffer.concat(chunks)));
            })
            .on("error", reject);
    });
}

/** Installs from `zip` (already read) into `dir`; returns the installed path. */
function installFromZip(zip, dir, pin, key) {
    const asset = pin.assets[key];
    if (asset === undefined) throw new Error(`versions/kubelogin.json: no asset for platform ${key}; pinned: ${Object.keys(pin.assets).join(", ")}`);
    verify(zip, asset.sha256, path.basename(asset.url));
    const binary = extractFromZip(zip, asset.binary);
    fs.mkdirSync(dir, { recursive: true });
    const target = path.join(dir, "kubelogin");
    fs.writeFileSync(target, binary, { mode: 0o755 });
    return target;
}

async function main(argv) {
    const dir = argv[0];
    if (!dir) {
        console.error("usage: node scripts/install-kubelogin.cjs <install dir>");
        process.exit(2);
    }
    const pin = readPin();
    const key = platformKey();
    const asset = pin.assets[key];
    const zip = process.env.KUBELOGIN_ZIP ? fs.readFileSync(process.env.KUBELOGIN_ZIP) : asset ? await download(asset.url) : Buffer.alloc(0);
    const target = installFromZip(zip, dir, pin, key);
    console.error(`install-kubelogin: kubelogin ${pin.version} (${key}, sha256 verified) installed at ${target}`);
}

module.exports = { extractFromZip, installFromZip, platformKey, readPin, verify, PIN_FILE };

if (require.main === module) {
    main(process.argv.slice(2)).catch((error) => {
        console.error(`install-kubelogin: ${error instanceof Error ? error.message : String(error)}`);
        process.exit(1);
    });
}
