// `npm ci` prints no install-script warnings: every dependency with an install script, found in each lockfile,
// has a decision in its package.json's allowScripts (npm 11 warns about the rest). The decisions and why are in
// the README ("Install scripts").
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../../synth";

interface Lockfile {
    packages: Record<string, { hasInstallScript?: boolean }>;
}

/** The lock file of a folder: package-lock.json, or the npm-shrinkwrap.json a published package (policy/) ships. */
const lockFileOf = (dir: string) => ["package-lock.json", "npm-shrinkwrap.json"].map((name) => path.join(ROOT, dir, name)).find((file) => fs.existsSync(file));

/** Each folder with a lock file (the root and the packages it installs), discovered. */
const PACKAGE_DIRS = ["", ...fs.readdirSync(ROOT).filter((dir) => dir !== "node_modules" && lockFileOf(dir) !== undefined)];

/** Dependencies whose lockfile entry says they run an install script, by package name. */
function withInstallScripts(dir: string): string[] {
    const lock = JSON.parse(fs.readFileSync(lockFileOf(dir) ?? "", "utf8")) as Lockfile;
    return Object.entries(lock.packages)
        .filter(([location, entry]) => location !== "" && entry.hasInstallScript === true)
        .map(([location]) => location.slice(location.lastIndexOf("node_modules/") + "node_modules/".length))
        .sort();
}

describe("npm install scripts", () => {
    it("finds the packages it checks: the root, app/, deployments/, mutation/ and policy/", () => {
        assert.deepEqual([...PACKAGE_DIRS].sort(), ["", "app", "deployments", "mutation", "policy"]);
    });

    for (const dir of PACKAGE_DIRS) {
        it(`${dir || "root"}: every dependency with an install script has an allowScripts decision`, () => {
            const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, dir, "package.json"), "utf8")) as { allowScripts?: Record<string, boolean> };
            const decided = Object.keys(manifest.allowScripts ?? {}).sort();
            assert.deepEqual(decided, [...new Set(withInstallScripts(dir))].sort(), `${dir || "root"}/package.json allowScripts`);
        });
    }

    it("denies the three known scripts, none of which a test, synth or deployment needs", () => {
        // @pulumi/command and @pulumi/kubernetes run `pulumi plugin install` (the CLI installs missing providers on
        // its first preview or up anyway); protobufjs's postinstall only warns about dependents' version ranges.
        const root = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { allowScripts: Record<string, boolean> };
        assert.deepEqual(root.allowScripts, { "@pulumi/command": false, "@pulumi/kubernetes": false, protobufjs: false });
    });
});
