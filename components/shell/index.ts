import * as fs from "node:fs";
import * as path from "node:path";

/**
 * A script for `local.Command` (run with `bash -c`): the shared preamble's functions, then the script file.
 * Scripts stay real files so shellcheck checks them; the preamble keeps their tool checks in one place.
 */
export function dockerKindScript(file: string): string {
    const preamble = fs.readFileSync(path.join(__dirname, "require-docker-kind.sh"), "utf8");
    return `${preamble}\n${fs.readFileSync(file, "utf8")}`;
}
