// Property-based: corrupt one key of a valid stack config at a time (wrong type, out of range, unknown
// key, bad enum) and prove the real program rejects it, names the key, and registers no resource.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { platformProgram } from "../../program";
import { StackConfigError } from "../../stacks";
import { presets, type Environment } from "../../stacks";
import { synthesize, SynthError } from "../../synth";
import { PROJECT } from "../../stacks";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
interface Leaf {
    path: string[];
    value: Json;
}

function leaves(value: Json, path: string[] = []): Leaf[] {
    const here: Leaf[] = path.length > 0 ? [{ path, value }] : [];
    if (value !== null && typeof value === "object" && !Array.isArray(value)) {
        return [...here, ...Object.entries(value).flatMap(([key, child]) => leaves(child, [...path, key]))];
    }
    return here;
}

/** Values that are wrong for a leaf whatever its exact rule: another type, or far out of every range. */
function corruptions(value: Json): fc.Arbitrary<{ replacement: Json; unknownKey?: string }> {
    const unknownKey = fc.stringMatching(/^[a-z][a-zA-Z]{2,12}$/).map((key) => `zz${key}`);
    if (typeof value === "number") return fc.constantFrom<Json>("not-a-number", -1e9, 1e9, true, null).map((replacement) => ({ replacement }));
    if (typeof value === "boolean") return fc.constantFrom<Json>("yes", 1, [], null).map((replacement) => ({ replacement }));
    if (typeof value === "string") return fc.constantFrom<Json>(42, false, ["x"], {}).map((replacement) => ({ replacement }));
    if (Array.isArray(value)) return fc.constantFrom<Json>("1", 7, { a: 1 }).map((replacement) => ({ replacement }));
    return fc.oneof(
        unknownKey.map((key) => ({ replacement: { ...(value as object), [key]: 1 }, unknownKey: key })),
        fc.constantFrom<Json>("x", 3, [1]).map((replacement) => ({ replacement })),
    );
}

function setAt(root: Record<string, Json>, path: string[], replacement: Json): Record<string, Json> {
    const copy = structuredClone(root);
    let node = copy;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string, Json>;
    node[path[path.length - 1]] = replacement;
    return copy;
}

const malformed = fc
    .constantFrom<Environment>("dev", "staging", "prod")
    .chain((environment) => {
        const { app, ...rest } = presets[environment];
        const base = { ...rest, app: { ...app, gitops: { repoUrl: "https://github.com/o/r.git", targetRevision: "main" } } } as unknown as Record<string, Json>;
        return fc.constantFrom(...leaves(base)).chain((leaf) => corruptions(leaf.value).map((corruption) => ({ environment, base, leaf, corruption })));
    });

describe("stacks: malformed config (property-based)", () => {
    it("rejects 250 generated malformed configs before registering any resource, naming the key", async () => {
        await fc.assert(
            fc.asyncProperty(malformed, async ({ environment, base, leaf, corruption }) => {
                const values = setAt(base, leaf.path, corruption.replacement);
                const config = Object.fromEntries(Object.entries(values).map(([key, value]) => [`${PROJECT}:${key}`, value]));
                let failure: unknown;
                try {
                    await synthesize({ project: PROJECT, stack: environment, config, program: platformProgram });
                } catch (error) {
                    failure = error;
                }
                assert.ok(failure instanceof SynthError, `expected the program to fail for ${leaf.path.join(".")} = ${JSON.stringify(corruption.replacement)}`);
                assert.ok(failure.cause instanceof StackConfigError, String(failure.cause));
                const registered = failure.resources.filter((resource) => resource.type !== "pulumi:pulumi:Stack");
                assert.deepEqual(registered.map((r) => r.type), [], "no resource may be registered for a bad config");
                const key = [...leaf.path, ...(corruption.unknownKey ? [corruption.unknownKey] : [])].join(".");
                assert.ok(
                    failure.cause.problems.some((problem) => problem.startsWith(`${key} `) || problem.startsWith(`${key}:`)),
                    `no problem names ${key}:\n${failure.cause.problems.join("\n")}`,
                );
            }),
            { numRuns: 250, seed: 20261122 },
        );
    });
});
