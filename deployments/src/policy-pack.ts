/**
 * What is published as the policy pack, and under which version. The pack is the files npm would pack from
 * policy/ (its package.json `files`, package.json itself, npm-shrinkwrap.json) plus the rendered GitOps
 * manifests of this commit (deploy/<stack>/*.yaml, bundled as policy/scripts/bundle-manifests.cjs does for
 * `npm pack`), so the published pack judges what Argo CD applies from the commit it was published from.
 *
 * The version is derived from that content: `<policy/package.json version>-c<first 12 hex of its sha256>`.
 * A published version is immutable in Pulumi Cloud, and @pulumi/pulumiservice's PolicyPack replaces itself
 * whenever its source changes; with a tag per content, a change always publishes a new version and never
 * re-publishes (or, on the replace's delete step, removes) one that exists.
 */
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { EXACT_VERSION, REPO_ROOT, readPackage } from "./versions";

export interface PackFile {
    /** Path inside the pack, with forward slashes. */
    path: string;
    content: Buffer;
}

const POLICY_DIR = path.join(REPO_ROOT, "policy");

function walk(absolute: string, relative: string): PackFile[] {
    if (!fs.existsSync(absolute)) return [];
    if (fs.statSync(absolute).isFile()) return [{ path: relative, content: fs.readFileSync(absolute) }];
    return fs
        .readdirSync(absolute)
        .sort()
        .flatMap((name) => walk(path.join(absolute, name), `${relative}/${name}`));
}

/** The rendered manifests of each stack, as the pack carries them (the stack folders' own *.yaml, like Argo CD). */
function renderedManifests(deployDir: string): PackFile[] {
    if (!fs.existsSync(deployDir)) return [];
    return fs
        .readdirSync(deployDir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort()
        .flatMap((stack) =>
            fs
                .readdirSync(path.join(deployDir, stack), { withFileTypes: true })
                .filter((entry) => entry.isFile() && /\.ya?ml$/.test(entry.name))
                .map((entry) => entry.name)
                .sort()
                .map((name) => ({ path: `deploy/${stack}/${name}`, content: fs.readFileSync(path.join(deployDir, stack, name)) })),
        );
}

/** Every file of the pack, in path order. Fails when the lock file or the manifests of a gitops stack are missing. */
export function policyPackFiles(policyDir = POLICY_DIR, deployDir = path.join(REPO_ROOT, "deploy")): PackFile[] {
    const pkg = JSON.parse(fs.readFileSync(path.join(policyDir, "package.json"), "utf8")) as { files?: string[] };
    if (!pkg.files?.includes("npm-shrinkwrap.json") || !fs.existsSync(path.join(policyDir, "npm-shrinkwrap.json"))) {
        throw new Error(`policy/package.json: files = ${JSON.stringify(pkg.files)} is invalid: the pack must carry npm-shrinkwrap.json (list it in files and keep the file), so its dependencies install as locked`);
    }
    const manifests = renderedManifests(deployDir);
    if (manifests.length === 0) throw new Error(`${deployDir} has no rendered manifests: run \`npm run render\` before publishing the policy pack`);
    const sources = ["package.json", ...pkg.files.filter((entry) => entry.replace(/\/$/, "") !== "deploy")].flatMap((entry) => {
        const clean = entry.replace(/\/$/, "");
        return walk(path.join(policyDir, clean), clean);
    });
    return [...sources, ...manifests].sort((a, b) => a.path.localeCompare(b.path));
}

/** `<version>-c<12 hex>`: the sha256 over every path and content, so any change to the pack is a new version. */
export function contentVersion(baseVersion: string, files: readonly PackFile[]): string {
    const hash = crypto.createHash("sha256");
    for (const file of files) {
        hash.update(`${file.path}\0${file.content.length}\0`);
        hash.update(file.content);
    }
    return `${baseVersion}-c${hash.digest("hex").slice(0, 12)}`;
}

/**
 * Writes the pack into `outDir` (replacing what is there) and returns its path: the folder the PolicyPack
 * resource uploads. It holds no node_modules; Pulumi installs the dependencies from the packed lock file.
 */
export function stagePolicyPack(outDir: string, files: readonly PackFile[] = policyPackFiles()): string {
    fs.rmSync(outDir, { recursive: true, force: true });
    for (const file of files) {
        const target = path.join(outDir, ...file.path.split("/"));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, file.content);
    }
    return outDir;
}

export interface PolicyPackSource {
    /** Pack name as published (policy/package.json `name`, also the name in `new PolicyPack(...)`). */
    name: string;
    /** `<policy/package.json version>-c<content hash>` (policy-pack.ts); published versions are immutable. */
    versionTag: string;
    /** Directory that is uploaded, relative to deployments/ (where `pulumi up` runs): the staged pack. */
    sourcePath: string;
}

/** Where createGovernance stages the pack before the PolicyPack resource uploads it (relative to deployments/). */
export const STAGED_POLICY_PACK = ".policy-pack";

export function policyPackSource(files: readonly PackFile[] = policyPackFiles()): PolicyPackSource {
    const pkg = readPackage("policy");
    if (!EXACT_VERSION.test(pkg.version)) {
        throw new Error(`policy/package.json: version = ${JSON.stringify(pkg.version)} is invalid: expected a semantic version like 0.1.0`);
    }
    return { name: pkg.name, versionTag: contentVersion(pkg.version, files), sourcePath: STAGED_POLICY_PACK };
}
