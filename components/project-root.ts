import * as fs from "node:fs";
import * as path from "node:path";

/**
 * The project root: the nearest folder above `start` holding Pulumi.yaml. Found rather than assumed
 * (`../..`), so the same code works from the sources and from a compiled copy of them.
 */
export function findProjectRoot(start: string = __dirname): string {
    for (let dir = start; ; dir = path.dirname(dir)) {
        if (fs.existsSync(path.join(dir, "Pulumi.yaml"))) return dir;
        if (path.dirname(dir) === dir) throw new Error(`no Pulumi.yaml in ${start} or any folder above it`);
    }
}
