/** .github/dependabot.yml and .github/CODEOWNERS: what keeps the supply chain and the review gate in place. */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import * as YAML from "yaml";
import { REPO_ROOT } from "./workflow-helpers";

interface Update {
    "package-ecosystem": string;
    directory: string;
    schedule: { interval: string };
}

describe(".github/dependabot.yml", () => {
    const doc = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, ".github", "dependabot.yml"), "utf8")) as { version: number; updates: Update[] };

    it("is version 2 with a schedule for every entry", () => {
        assert.equal(doc.version, 2);
        for (const u of doc.updates) assert.ok(["daily", "weekly", "monthly"].includes(u.schedule.interval), JSON.stringify(u));
    });

    it("every entry waits a cooldown before proposing a new release (a compromised release is usually pulled within days)", () => {
        for (const u of doc.updates) {
            const days = (u as { cooldown?: { "default-days"?: number } }).cooldown?.["default-days"];
            assert.ok(typeof days === "number" && days >= 3, `${u["package-ecosystem"]} ${u.directory}: cooldown.default-days = ${String(days)}`);
        }
    });

    it("covers GitHub Actions, every npm lock file and the app's Dockerfile", () => {
        const covered = doc.updates.map((u) => `${u["package-ecosystem"]} ${u.directory}`).sort();
        assert.deepEqual(covered, ["docker /app", "github-actions /", "npm /", "npm /app", "npm /deployments", "npm /policy"]);
        // Every directory with a lock file or a Dockerfile of this repository is listed (a new one must be added).
        for (const dir of [".", "app", "deployments"]) {
            assert.ok(fs.existsSync(path.join(REPO_ROOT, dir, "package-lock.json")), `${dir}/package-lock.json`);
        }
        // The policy pack's lock is an npm-shrinkwrap.json: npm pack keeps it, so the published pack carries it.
        assert.ok(fs.existsSync(path.join(REPO_ROOT, "policy", "npm-shrinkwrap.json")));
        assert.ok(!fs.existsSync(path.join(REPO_ROOT, "policy", "package-lock.json")), "one lock file in policy/");
        assert.ok(fs.existsSync(path.join(REPO_ROOT, "app", "Dockerfile")));
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
