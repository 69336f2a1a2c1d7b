import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseConfig } from "../src/config";
import { DRIFT, buildDriftScheduleArgs, buildPolicyGroupArgs, buildPolicyPackArgs } from "../src/governance";
import { PackFile, contentVersion, policyPackFiles, policyPackSource, stagePolicyPack } from "../src/policy-pack";
import { REPO_ROOT } from "../src/versions";
import { getter, validRaw } from "./fixtures";

const cfg = parseConfig(getter(validRaw()));

describe("policy pack and policy group", () => {
    it("publishes the staged pack under policy/package.json's name and a version derived from its content", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "package.json"), "utf8")) as { name: string; version: string };
        const args = buildPolicyPackArgs(cfg);
        assert.equal(args.organization, "acme");
        assert.equal(args.name, pkg.name);
        assert.equal(args.sourcePath, ".policy-pack", "relative to deployments/, where `pulumi up` of this program runs");
        assert.match(args.versionTag, new RegExp(`^${pkg.version.replace(/\./g, "\\.")}-c[0-9a-f]{12}$`));
        // A semver pre-release: digits-only identifiers may not have a leading zero, so the hash is prefixed with "c".
        assert.match(args.versionTag, /^\d+\.\d+\.\d+-[0-9A-Za-z-]+$/);
    });

    it("carries the rules, the lock file and every rendered manifest of this commit", () => {
        const files = policyPackFiles().map((f) => f.path);
        for (const required of ["package.json", "npm-shrinkwrap.json", "index.ts", "manifests.ts", "PulumiPolicy.yaml", "rules/index.ts", "rules/gitops.ts"]) {
            assert.ok(files.includes(required), required);
        }
        for (const stack of ["staging", "prod"]) {
            const rendered = fs.readdirSync(path.join(REPO_ROOT, "deploy", stack)).filter((f) => f.endsWith(".yaml"));
            assert.ok(rendered.length > 0);
            for (const file of rendered) assert.ok(files.includes(`deploy/${stack}/${file}`), `deploy/${stack}/${file}`);
        }
        assert.ok(!files.some((f) => f.startsWith("node_modules/") || f.startsWith("scripts/")), "no node_modules, no build scripts");
    });

    it("any change to the content is a new version; the same content is the same version", () => {
        const files = policyPackFiles();
        const base = contentVersion("0.1.0", files);
        assert.equal(contentVersion("0.1.0", policyPackFiles()), base);
        const edited: PackFile[] = files.map((f) => (f.path === "rules/workload.ts" ? { ...f, content: Buffer.concat([f.content, Buffer.from("\n")]) } : f));
        assert.notEqual(contentVersion("0.1.0", edited), base, "an edit under policy/ without a bump");
        const manifest = files.findIndex((f) => f.path.startsWith("deploy/prod/"));
        const newImage = files.map((f, i) => (i === manifest ? { ...f, content: Buffer.from(f.content.toString().replace(/sha256:0{64}/, `sha256:${"1".repeat(64)}`) + " ") } : f));
        assert.notEqual(contentVersion("0.1.0", newImage), base, "a change to the rendered manifests");
        const renamed = files.map((f) => (f.path === "rules/workload.ts" ? { ...f, path: "rules/workloads.ts" } : f));
        assert.notEqual(contentVersion("0.1.0", renamed), base, "a rename");
    });

    it("refuses to publish without the lock file or without rendered manifests", () => {
        const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "policy-pack-src-"));
        try {
            fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ files: ["index.ts"] }));
            assert.throws(() => policyPackFiles(scratch, path.join(REPO_ROOT, "deploy")), /the pack must carry npm-shrinkwrap\.json/);
            fs.writeFileSync(path.join(scratch, "package.json"), JSON.stringify({ files: ["index.ts", "npm-shrinkwrap.json"] }));
            fs.writeFileSync(path.join(scratch, "npm-shrinkwrap.json"), "{}");
            assert.throws(() => policyPackFiles(scratch, path.join(scratch, "deploy")), /has no rendered manifests: run `npm run render`/);
        } finally {
            fs.rmSync(scratch, { recursive: true, force: true });
        }
    });

    it("stages exactly the pack's files into the folder the provider uploads", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "policy-pack-out-"));
        try {
            fs.writeFileSync(path.join(out, "stale.txt"), "left from an earlier run");
            const files = policyPackFiles();
            stagePolicyPack(out, files);
            const staged = (function list(dir: string, prefix = ""): string[] {
                return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(path.join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`]));
            })(out);
            assert.deepEqual(staged.sort(), files.map((f) => f.path).sort());
        } finally {
            fs.rmSync(out, { recursive: true, force: true });
        }
    });

    it("the published name is the pack the policy program declares", () => {
        const index = fs.readFileSync(path.join(REPO_ROOT, "policy", "index.ts"), "utf8");
        assert.match(index, new RegExp(`new PolicyPack\\("${policyPackSource().name}"`));
    });

    it("attaches the pack to staging and prod in preventative mode", () => {
        const pack = buildPolicyPackArgs(cfg);
        assert.deepEqual(buildPolicyGroupArgs(cfg, pack), {
            organizationName: "acme",
            name: "platform-guardrails",
            entityType: "stacks",
            mode: "preventative",
            stacks: [
                { name: "staging", routingProject: "platform" },
                { name: "prod", routingProject: "platform" },
            ],
            policyPacks: [{ name: "platform-guardrails", versionTag: pack.versionTag }],
        });
    });
});

describe("drift schedules", () => {
    it("prod: detect only, every 6 hours; staging: daily and remediated", () => {
        assert.deepEqual(buildDriftScheduleArgs(cfg, "prod"), {
            organization: "acme",
            project: "platform",
            stack: "prod",
            scheduleCron: "0 */6 * * *",
            autoRemediate: false,
        });
        assert.deepEqual(buildDriftScheduleArgs(cfg, "staging"), {
            organization: "acme",
            project: "platform",
            stack: "staging",
            scheduleCron: "0 5 * * *",
            autoRemediate: true,
        });
    });

    it("cron expressions have five fields with values in range", () => {
        const ranges = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
        for (const { scheduleCron } of Object.values(DRIFT)) {
            const fields = scheduleCron.split(" ");
            assert.equal(fields.length, 5, scheduleCron);
            fields.forEach((field, i) => {
                for (const part of field.replace(/^\*\//, "").split(/[,-]/)) {
                    if (part === "*") continue;
                    const n = Number(part);
                    assert.ok(Number.isInteger(n) && n >= ranges[i][0] && n <= ranges[i][1], `${scheduleCron}: field ${i} = ${field}`);
                }
            });
        }
    });
});
