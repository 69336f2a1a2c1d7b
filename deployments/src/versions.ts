/**
 * Versions read from the repository's own package files, so the Pulumi CLI that runs a deployment
 * can never drift from what the code was written and tested against (the policy pack's version: policy-pack.ts).
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

export function readPackage(relative: string): PackageJson {
    return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, relative, "package.json"), "utf8")) as PackageJson;
}

export const EXACT_VERSION = /^\d+\.\d+\.\d+$/;

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
