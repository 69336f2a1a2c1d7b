// Hand-written facts kept true: Pulumi.yaml's description of each structured key lists exactly the keys the
// schema accepts, and each chart version is stated once in prose, equal to the pin in versions/pins.json.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { APP_NAME, APP_PORT } from "../../components/app";
import { CHARTS } from "../../components/platform";
import { aksClusterSchema, appSchema, argocdSchema, kindClusterSchema, monitoringSchema, secretsStoreSchema } from "../../stacks";
import { declaredConfig, ROOT } from "../../synth";

/** Top-level keys of an object schema, each nested object's keys as `parent.child` (the discriminator left out). */
function schemaKeys(schema: z.ZodObject, discriminator?: string): string[] {
    return Object.entries(schema.shape).flatMap(([key, value]) => {
        if (key === discriminator) return [];
        let inner = value as z.ZodType;
        while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.unwrap() as z.ZodType;
        return inner instanceof z.ZodObject ? [key, ...Object.keys(inner.shape).map((child) => `${key}.${child}`)] : [key];
    });
}

/**
 * Keys a description lists after each " - ", up to the end of that sentence: "a, b (x, y), c.{d, e}" gives
 * a, b, c, c.d, c.e (parenthesised allowed values dropped).
 */
function describedKeys(description: string): string[][] {
    return description
        .split(" - ")
        .slice(1)
        .map((segment) => segment.split(/\.(?:\s|$)/)[0].replace(/\([^)]*\)/g, ""))
        .map((list) =>
            [...list.matchAll(/([A-Za-z][A-Za-z0-9]*)(?:\.\{([^}]*)\})?/g)].flatMap(([, key, children]) => [key, ...(children ?? "").split(",").map((c) => c.trim()).filter(Boolean).map((c) => `${key}.${c}`)]),
        );
}

/** Nested keys a description may leave unnamed (listed by their parent only); none in Pulumi.yaml today for these. */
const onlyNamedNested = (keys: string[], described: string[]) => keys.filter((key) => !key.includes(".") || described.some((d) => d.startsWith(`${key.split(".")[0]}.`)));

describe("hand-written facts", () => {
    it("Pulumi.yaml describes each structured key with exactly the keys its schema accepts", () => {
        const declared = declaredConfig();
        const description = (key: string) => String((declared[key] as { description?: string }).description);
        const expect = (key: string, segments: [z.ZodObject, string?][]) => {
            const described = describedKeys(description(key));
            assert.equal(described.length, segments.length, `${key}: one key list per shape`);
            segments.forEach(([schema, discriminator], index) => {
                const keys = schemaKeys(schema, discriminator);
                assert.deepEqual([...described[index]].sort(), onlyNamedNested(keys, described[index]).sort(), `Pulumi.yaml ${key}: description vs stacks/schema.ts`);
            });
        };
        expect("cluster", [
            [kindClusterSchema, "kind"],
            [aksClusterSchema, "kind"],
        ]);
        expect("argocd", [[argocdSchema]]);
        expect("monitoring", [[monitoringSchema]]);
        expect("secretsStore", [[secretsStoreSchema]]);
        expect("app", [[appSchema]]);
    });

    it("each chart version is stated once in prose (components/platform/README.md) and equals the pin", () => {
        const files: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                if (["node_modules", ".git", "out", "build", "test", ".tools"].includes(entry.name)) continue;
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (/\.(md|ts)$/.test(entry.name)) files.push(full);
            }
        };
        walk(ROOT);
        const table = path.join(ROOT, "components", "platform", "README.md");
        for (const pin of Object.values(CHARTS)) {
            const version = new RegExp(`(?<![\\d.])${pin.version.replace(/\./g, "\\.")}(?![\\d.])`, "g");
            const places = files.flatMap((file) => (fs.readFileSync(file, "utf8").match(version) ?? []).map(() => path.relative(ROOT, file)));
            // The pin itself is in versions/pins.json (CHARTS is read from it); prose states it once.
            assert.deepEqual(places.sort(), ["components/platform/README.md"], `${pin.chart} ${pin.version} is stated in`);
            const row = fs.readFileSync(table, "utf8").split("\n").find((line) => line.includes(`\`${pin.chart}\` from`));
            assert.ok(row?.includes(`\`${pin.version}\``), `${pin.chart}: the table row states ${pin.version}`);
        }
    });
});

describe("hand-written facts: commands in the docs", () => {
    const docs = () => {
        const found: string[] = [];
        const walk = (dir: string) => {
            for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
                if (["node_modules", ".git", "out", "build", ".tools"].includes(entry.name)) continue;
                const full = path.join(dir, entry.name);
                if (entry.isDirectory()) walk(full);
                else if (entry.name.endsWith(".md")) found.push(full);
            }
        };
        walk(ROOT);
        return found;
    };

    it("every port-forward to the app names its Service and port", () => {
        const forwards = docs().flatMap((file) => [...fs.readFileSync(file, "utf8").matchAll(/port-forward\s+svc\/(\S+)\s+\d+:(\d+)/g)].map((m) => [path.relative(ROOT, file), m[1], Number(m[2])] as const));
        const app = forwards.filter(([, service]) => !/argocd|grafana|prometheus|alertmanager/.test(service));
        assert.ok(app.length > 0, "the app README shows how to reach the app");
        for (const [file, service, port] of app) assert.deepEqual([service, port], [APP_NAME, APP_PORT], file);
    });

    it("every Markdown link to a file of this repository points at a file that exists", () => {
        for (const file of docs()) {
            for (const [, target] of fs.readFileSync(file, "utf8").matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
                if (/^[a-z]+:/.test(target)) continue;
                assert.ok(fs.existsSync(path.resolve(path.dirname(file), target)), `${path.relative(ROOT, file)} links to ${target}, which does not exist`);
            }
            assert.doesNotMatch(fs.readFileSync(file, "utf8"), /`DESIGN\.md`/, `${path.relative(ROOT, file)} cites a DESIGN.md this repository does not have`);
        }
    });
});
