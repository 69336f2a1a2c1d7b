import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseConfig } from "../src/config";
import { DRIFT, buildDriftScheduleArgs, buildPolicyGroupArgs, buildPolicyPackArgs } from "../src/governance";
import { REPO_ROOT, policyPackSource } from "../src/versions";
import { getter, validRaw } from "./fixtures";

const cfg = parseConfig(getter(validRaw()));

describe("policy pack and policy group", () => {
    it("publishes policy/ under the name and version of policy/package.json", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policy", "package.json"), "utf8")) as { name: string; version: string };
        assert.deepEqual(buildPolicyPackArgs(cfg), { organization: "acme", name: pkg.name, versionTag: pkg.version, sourcePath: "../policy" });
        // sourcePath is relative to deployments/, where `pulumi up` of this program runs.
        assert.ok(fs.existsSync(path.join(REPO_ROOT, "deployments", policyPackSource().sourcePath, "PulumiPolicy.yaml")));
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
