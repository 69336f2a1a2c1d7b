/**
 * Versions read from the repository's own package files, so the Pulumi CLI that runs a deployment
 * and the published policy pack can never drift from what the code was written and tested against.
 */
import * as fs from "node:fs";
import * as path from "node:path";

/** Repository root (this file lives in deployments/src/). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

interface PackageJson {
    name: string;
    version: string;
    dependencies?: Record<string, string>;
}

function readPackage(relative: string): PackageJson {
    return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, relative, "package.json"), "utf8")) as PackageJson;
}

const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

/**
 * The exact `@pulumi/pulumi` version of the root program. The Pulumi CLI is pinned to the same
 * version everywhere it runs (the Deployments executor image, `pulumi-version` in the preview
 * workflow), because the CLI and the SDK speak one protocol version.
 */
export function pulumiSdkVersion(): string {
    const version = readPackage(".").dependencies?.["@pulumi/pulumi"];
    if (version === undefined || !EXACT_VERSION.test(version)) {
        throw new Error(
            `package.json: dependencies["@pulumi/pulumi"] = ${JSON.stringify(version)} is invalid: expected an exact version like 3.270.0 (the Pulumi CLI is pinned to it)`,
        );
    }
    return version;
}

/**
 * Executor image of Pulumi Deployments: Pulumi's Node 22 image (pulumi/pulumi-docker-containers
 * publishes one tag per CLI release), so the executor has Node 22 and exactly the CLI of the SDK.
 * The default `pulumi/pulumi` image follows the latest CLI and its default Node, neither pinned.
 */
export function executorImage(): string {
    return `pulumi/pulumi-nodejs-22:${pulumiSdkVersion()}`;
}

export interface PolicyPackSource {
    /** Pack name as published (policy/package.json `name`, also the name in `new PolicyPack(...)`). */
    name: string;
    /** Semantic version tag (policy/package.json `version`); published versions are immutable. */
    versionTag: string;
    /** Directory that is uploaded, relative to deployments/ (where `pulumi up` runs). */
    sourcePath: string;
}

export function policyPackSource(): PolicyPackSource {
    const pkg = readPackage("policy");
    if (!EXACT_VERSION.test(pkg.version)) {
        throw new Error(`policy/package.json: version = ${JSON.stringify(pkg.version)} is invalid: expected a semantic version like 0.1.0`);
    }
    return { name: pkg.name, versionTag: pkg.version, sourcePath: "../policy" };
}
