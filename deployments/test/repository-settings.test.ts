/** .github/renovate.json and .github/CODEOWNERS: what keeps the supply chain and the review gate in place. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./workflow-helpers";

// Renovate is the one updater (test/versions/updater-coverage.test.ts in the root proves every version pin has a
// rule); here: it covers the package ecosystems Dependabot used to, and the file is the maintainers' to change.
describe(".github/renovate.json", () => {
    const config = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, ".github", "renovate.json"), "utf8")) as { enabledManagers: string[]; schedule: string[] };

    it("runs on a schedule over GitHub Actions, every npm lock file and the app's Dockerfile (and custom managers)", () => {
        assert.ok(config.schedule.length > 0);
        for (const manager of ["github-actions", "npm", "dockerfile", "custom.regex"]) assert.ok(config.enabledManagers.includes(manager), manager);
        // Renovate's npm manager finds every package.json; these are the ones this repository has.
        for (const dir of [".", "app", "deployments"]) {
            assert.ok(fs.existsSync(path.join(REPO_ROOT, dir, "package-lock.json")), `${dir}/package-lock.json`);
        }
        // The policy pack's lock is an npm-shrinkwrap.json: npm pack keeps it, so the published pack carries it.
        assert.ok(fs.existsSync(path.join(REPO_ROOT, "policy", "npm-shrinkwrap.json")));
        assert.ok(!fs.existsSync(path.join(REPO_ROOT, "policy", "package-lock.json")), "one lock file in policy/");
        assert.ok(fs.existsSync(path.join(REPO_ROOT, "app", "Dockerfile")));
        assert.equal(fs.existsSync(path.join(REPO_ROOT, ".github", "dependabot.yml")), false, "one updater");
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
