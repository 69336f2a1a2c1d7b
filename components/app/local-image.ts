// dev on kind without a registry: build app/ with Docker and load the image into the kind nodes. The tag is a
// hash of the app's sources, so a source change is a new tag, which re-runs the build and rolls the pods.
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import * as command from "@pulumi/command";
import * as pulumi from "@pulumi/pulumi";
import { findProjectRoot } from "../project-root";
import { dockerKindScript } from "../shell";

/** The service's sources, found when first needed (not when this module loads). */
const defaultAppDir = () => path.join(findProjectRoot(), "app");
const LOCAL_IMAGE_REPOSITORY = "localhost/platform-app";
/** Generated or installed content: rebuilt inside the image, so it must not change the tag. */
const EXCLUDED_DIRS = new Set(["node_modules", "dist", "build", ".git", "coverage"]);

export interface SourceFile {
    /** Relative to the app directory, `/`-separated. */
    path: string;
    content: string | Buffer;
}

export function isHashedSource(relativePath: string): boolean {
    const parts = relativePath.split("/");
    return !parts.some((part) => EXCLUDED_DIRS.has(part)) && !relativePath.endsWith(".log");
}

/** sha256 over the sorted paths and contents of the hashed files; independent of read order and platform. */
export function appSourceHash(files: readonly SourceFile[]): string {
    const hash = createHash("sha256");
    for (const file of [...files].filter((f) => isHashedSource(f.path)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
        hash.update(file.path).update("\0").update(file.content).update("\0");
    }
    return hash.digest("hex");
}

export function localImageTag(sourceHash: string): string {
    return `${LOCAL_IMAGE_REPOSITORY}:src-${sourceHash.slice(0, 12)}`;
}

export function readAppSources(appDir = defaultAppDir()): SourceFile[] {
    if (!fs.existsSync(path.join(appDir, "Dockerfile"))) {
        throw new Error(`app.buildLocally is true but ${appDir} holds no Dockerfile; the app's sources are expected in app/ at the repository root`);
    }
    const files: SourceFile[] = [];
    const walk = (dir: string) => {
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const full = path.join(dir, entry.name);
            const relative = path.relative(appDir, full).split(path.sep).join("/");
            if (!isHashedSource(relative)) continue;
            if (entry.isDirectory()) walk(full);
            else if (entry.isFile()) files.push({ path: relative, content: fs.readFileSync(full) });
        }
    };
    walk(appDir);
    return files;
}

export interface LocalImageArgs {
    clusterName: pulumi.Input<string>;
    /** The kind cluster's create command: a recreated cluster has lost its images, so the load runs again. */
    clusterDependencies: pulumi.Resource[];
    appDir?: string;
}

export interface LocalImage {
    image: string;
    command: command.local.Command;
}

export function createLocalImage(name: string, args: LocalImageArgs, opts: pulumi.CustomResourceOptions): LocalImage {
    const appDir = args.appDir ?? defaultAppDir();
    const sourceHash = appSourceHash(readAppSources(appDir));
    const image = localImageTag(sourceHash);
    const clusterIds = args.clusterDependencies.filter((r): r is pulumi.CustomResource => r instanceof pulumi.CustomResource).map((r) => r.id);
    const build = new command.local.Command(
        name,
        {
            create: dockerKindScript(path.join(__dirname, "scripts", "build-local-image.sh")),
            interpreter: ["/bin/bash", "-c"],
            environment: { IMAGE: image, APP_DIR: appDir, CLUSTER_NAME: args.clusterName },
            triggers: [sourceHash, args.clusterName, ...clusterIds],
        },
        { ...opts, dependsOn: args.clusterDependencies },
    );
    return { image, command: build };
}
