/** .github/dependabot.yml and .github/CODEOWNERS: what keeps the supply chain and the review gate in place. */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
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

    it("covers GitHub Actions and every npm lock file and Dockerfile the repository tracks", () => {
        // Found, not listed: a package or image added anywhere in the repository must get its own entry.
        const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: REPO_ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
        const directoryOf = (file: string) => `/${path.posix.dirname(file)}`.replace(/^\/\.$/, "/");
        const lockDirs = tracked.filter((f) => path.posix.basename(f) === "package-lock.json").map(directoryOf);
        const dockerDirs = tracked.filter((f) => /^Dockerfile(\..+)?$/.test(path.posix.basename(f))).map(directoryOf);
        // The discovery itself is checked against the packages this README documents, so an empty git listing cannot pass.
        for (const dir of ["/", "/app", "/deployments", "/policy"]) assert.ok(lockDirs.includes(dir), `found ${dir}/package-lock.json`);
        assert.ok(dockerDirs.includes("/app"), "found app/Dockerfile");

        const covered = doc.updates.map((u) => `${u["package-ecosystem"]} ${u.directory}`).sort();
        const expected = ["github-actions /", ...lockDirs.map((dir) => `npm ${dir}`), ...new Set(dockerDirs.map((dir) => `docker ${dir}`))].sort();
        assert.deepEqual(covered, expected);
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
