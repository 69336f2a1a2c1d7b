import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.join(__dirname, "..", "..", "..");

/** Every shell script of the project (not dependencies): *.sh files and the CI entry point. */
function shellScripts(dir = ROOT): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (entry.name === "node_modules" || entry.name === ".git" || entry.name === ".tools" || entry.name === "out") return [];
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return shellScripts(full);
        return entry.name.endsWith(".sh") || path.relative(ROOT, full) === path.join(".ci", "run") ? [full] : [];
    });
}

describe("shell scripts", () => {
    it("all pass shellcheck", () => {
        try {
            execFileSync("shellcheck", ["--version"], { stdio: "pipe" });
        } catch {
            assert.fail("shellcheck is not installed (Debian package `shellcheck`; .ci/run installs it)");
        }
        const scripts = shellScripts();
        for (const expected of [".ci/run", "scripts/dev-up.sh", "components/cluster/scripts/kind-create.sh"]) {
            assert.ok(scripts.includes(path.join(ROOT, expected)), `${expected} is checked`);
        }
        execFileSync("shellcheck", ["--severity=style", ...scripts], { stdio: "pipe" });
    });
});
