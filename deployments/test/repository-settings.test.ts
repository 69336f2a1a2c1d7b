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
        for (const dir of [".", "app", "deployments", "policy"]) {
            assert.ok(fs.existsSync(path.join(REPO_ROOT, dir, "package-lock.json")), `${dir}/package-lock.json`);
        }
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

    it("the maintainers own .github/, deployments/, policy/ and Pulumi.prod.yaml", () => {
        assert.deepEqual(
            rules.map(([pattern]) => pattern),
            ["/.github/", "/deployments/", "/policy/", "/Pulumi.prod.yaml"],
        );
        for (const [pattern, ...owners] of rules) {
            assert.deepEqual(owners, ["@example-org/platform-maintainers"], pattern);
            assert.ok(fs.existsSync(path.join(REPO_ROOT, pattern)), `${pattern} does not exist`);
        }
    });
});
