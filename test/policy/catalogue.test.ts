import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { RULES } from "../../policy/rules";
import { ROOT } from "../../synth";

describe("policy: rule catalogue", () => {
    it("has unique ids, each with a description", () => {
        assert.equal(new Set(RULES.map((rule) => rule.id)).size, RULES.length);
        for (const rule of RULES) assert.ok(rule.description.length > 20, rule.id);
    });

    it("policy/README.md lists every rule with its level, and no other", () => {
        const readme = fs.readFileSync(path.join(ROOT, "policy", "README.md"), "utf8");
        const rows = [...readme.matchAll(/^\| `([a-z0-9-]+)` \| (mandatory|advisory)(, \*env\*)? \|/gm)].map((match) => ({ id: match[1], level: match[2], env: match[3] !== undefined }));
        const expected = RULES.map((rule) => ({ id: rule.id, level: rule.level, env: rule.dependsOnEnvironment === true }));
        const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
        assert.deepEqual([...rows].sort(byId), [...expected].sort(byId));
    });
});
