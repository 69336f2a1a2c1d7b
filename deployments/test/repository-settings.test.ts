/** .github/renovate.json and .github/CODEOWNERS: what keeps the supply chain and the review gate in place. */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./workflow-helpers";

// Renovate is the one updater (test/versions/updater-coverage.test.ts in the root proves every version pin has a
// rule); here: it covers the package ecosystems Dependabot used to, and the file is the maintainers' to change.
describe(".github/renovate.json", () => {
    const config = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ".github", "renovate.json"), "utf8")) as { enabledManagers: string[]; schedule: string[] };

    it("runs on a schedule over GitHub Actions, npm, Dockerfiles (and custom managers), and waits before proposing a release", () => {
        assert.ok(config.schedule.length > 0);
        for (const manager of ["github-actions", "npm", "dockerfile", "custom.regex"]) assert.ok(config.enabledManagers.includes(manager), manager);
        // A compromised release is usually pulled within days: Renovate's cooldown.
        assert.match(String((config as { minimumReleaseAge?: string }).minimumReleaseAge), /^([3-9]|[1-9]\d+) days$/);
        assert.equal(fs.existsSync(path.join(REPO_ROOT, ".github", "dependabot.yml")), false, "one updater");
    });

    it("sees every npm lock file and Dockerfile the repository tracks (found, not listed)", () => {
        // Renovate's npm and dockerfile managers find every package.json and Dockerfile unless ignorePaths hides one.
        const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
        const lockFiles = tracked.filter((f) => ["package-lock.json", "npm-shrinkwrap.json"].includes(path.posix.basename(f)));
        const dockerfiles = tracked.filter((f) => /^Dockerfile(\..+)?$/.test(path.posix.basename(f)));
        // The discovery itself is checked against the packages the README documents, so an empty listing cannot pass.
        for (const lock of ["package-lock.json", "app/package-lock.json", "deployments/package-lock.json", "policy/npm-shrinkwrap.json"]) {
            assert.ok(lockFiles.includes(lock), `found ${lock}`);
        }
        assert.ok(!tracked.includes("policy/package-lock.json"), "one lock file in policy/ (the shrinkwrap npm pack ships)");
        assert.ok(dockerfiles.includes("app/Dockerfile"), "found app/Dockerfile");
        const ignored = ((config as { ignorePaths?: string[] }).ignorePaths ?? []).filter((p) => !/node_modules/.test(p));
        for (const file of [...lockFiles, ...dockerfiles]) {
            assert.ok(!ignored.some((p) => file.startsWith(p.replace(/\*\*.*$/, ""))), `${file} is hidden from Renovate by ignorePaths`);
        }
    });
});

describe(".github/CODEOWNERS", () => {
    const rules = fs
        .readFileSync(path.join(REPO_ROOT, ".github", "CODEOWNERS"), "utf8")
        .split("\n")
        .map((line) => line.trim())
        .filter((line) => line !== "" && !line.startsWith("#"))
        .map((line) => line.split(/\s+/));

    it("the maintainers own every path (a default owner first), and .github/, deployments/, policy/ and Pulumi.prod.yaml explicitly", () => {
        assert.deepEqual(
            rules.map(([pattern]) => pattern),
            ["*", "/.github/", "/deployments/", "/policy/", "/Pulumi.prod.yaml"],
        );
        for (const [pattern, ...owners] of rules) {
            assert.deepEqual(owners, ["@example-org/platform-maintainers"], pattern);
            if (pattern !== "*") assert.ok(fs.existsSync(path.join(REPO_ROOT, pattern)), `${pattern} does not exist`);
        }
    });

    it("no path is left without an owner: the default line comes first, so no later line can be shadowed by it", () => {
        assert.equal(rules[0][0], "*", "CODEOWNERS takes the last matching line; a `*` after the others would override them");
        for (const dir of ["components", "stacks", "app", "deploy", "scripts", "policy", "deployments"]) assert.ok(fs.existsSync(path.join(REPO_ROOT, dir)), dir);
    });
});
