// Every version pin has an updater. Renovate's custom managers (.github/renovate.json) are run here the way
// Renovate runs them (managerFilePatterns select files, each matchString's named groups give depName,
// currentValue, currentDigest, registryUrl), and every pin of versions/pins.json and every literal version in
// the workflows must be extracted by one of them, with the right datasource and name. A new pin that no rule
// reads fails this test instead of going stale unnoticed.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { ROOT } from "../../synth";
import { PINS } from "../../versions";

interface CustomManager {
    customType: string;
    managerFilePatterns: string[];
    matchStrings: string[];
    depNameTemplate?: string;
    datasourceTemplate?: string;
}
interface RenovateConfig {
    enabledManagers: string[];
    customManagers: CustomManager[];
    packageRules: Array<{ matchPackageNames?: string[]; groupName?: string }>;
}
interface Extracted {
    file: string;
    datasource?: string;
    depName?: string;
    currentValue?: string;
    currentDigest?: string;
    registryUrl?: string;
}

const renovate = JSON.parse(fs.readFileSync(path.join(ROOT, ".github", "renovate.json"), "utf8")) as RenovateConfig;

/** Repository files (no node_modules, build output or git), relative with forward slashes. */
function repositoryFiles(dir = ROOT): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (["node_modules", ".git", "out", "build", ".tools"].includes(entry.name)) return [];
        const full = path.join(dir, entry.name);
        return entry.isDirectory() ? repositoryFiles(full) : [path.relative(ROOT, full).split(path.sep).join("/")];
    });
}

/** Renovate's `/regex/` file patterns (a bare string would be a glob; this config uses none). */
function filePattern(pattern: string): RegExp {
    const match = /^\/(.*)\/([a-z]*)$/.exec(pattern);
    assert.ok(match, `managerFilePatterns entry ${pattern} is not a /regex/`);
    return new RegExp(match[1], match[2]);
}

function extractAll(): Extracted[] {
    const files = repositoryFiles();
    return renovate.customManagers.flatMap((manager) => {
        assert.equal(manager.customType, "regex");
        const selected = files.filter((file) => manager.managerFilePatterns.some((p) => filePattern(p).test(file)));
        return selected.flatMap((file) => {
            const text = fs.readFileSync(path.join(ROOT, file), "utf8");
            return manager.matchStrings.flatMap((source) =>
                [...text.matchAll(new RegExp(source, "g"))].map((m) => ({
                    file,
                    datasource: manager.datasourceTemplate ?? m.groups?.datasource,
                    depName: manager.depNameTemplate ?? m.groups?.depName,
                    currentValue: m.groups?.currentValue,
                    currentDigest: m.groups?.currentDigest,
                    registryUrl: m.groups?.registryUrl,
                })),
            );
        });
    });
}

const extracted = extractAll();
const fromPins = extracted.filter((dep) => dep.file === "versions/pins.json");

function covered(expected: Partial<Extracted>): boolean {
    return fromPins.some((dep) => Object.entries(expected).every(([key, value]) => dep[key as keyof Extracted] === value));
}

describe("updater coverage: every pin has a Renovate rule", () => {
    it("Renovate runs its npm, GitHub Actions and Dockerfile managers and the custom regex managers (it replaces Dependabot)", () => {
        assert.deepEqual([...renovate.enabledManagers].sort(), ["custom.regex", "dockerfile", "github-actions", "npm"]);
        assert.equal(fs.existsSync(path.join(ROOT, ".github", "dependabot.yml")), false, "one updater: Dependabot would open the same npm and Actions pull requests again");
    });

    it("each chart pin: helm datasource, chart name, version and repository", () => {
        for (const [name, pin] of Object.entries(PINS.charts)) {
            assert.ok(covered({ datasource: "helm", depName: pin.chart, currentValue: pin.version, registryUrl: pin.repo }), `charts.${name} (${pin.chart} ${pin.version}) matches no helm rule`);
        }
    });

    it("the kind node image: docker datasource, tag and digest", () => {
        const image = PINS.kindNodeImage;
        assert.ok(covered({ datasource: "docker", depName: image.image, currentValue: image.tag, currentDigest: image.digest }), "kindNodeImage matches no docker rule with its digest");
    });

    it("kind and kubectl: GitHub releases of kubernetes-sigs/kind and kubernetes/kubernetes", () => {
        assert.ok(covered({ datasource: "github-releases", depName: "kubernetes-sigs/kind", currentValue: PINS.kind.version }), "kind");
        assert.ok(covered({ datasource: "github-releases", depName: "kubernetes/kubernetes", currentValue: PINS.kubectl.version }), "kubectl");
    });

    it("kubelogin (versions/kubelogin.json): GitHub releases of Azure/kubelogin", () => {
        const kubelogin = JSON.parse(fs.readFileSync(path.join(ROOT, "versions", "kubelogin.json"), "utf8")) as { version: string };
        const read = extracted.filter((dep) => dep.file === "versions/kubelogin.json");
        assert.deepEqual(
            read.map((dep) => [dep.datasource, dep.depName, dep.currentValue]),
            [["github-releases", "Azure/kubelogin", kubelogin.version]],
            "exactly one rule reads kubelogin's version",
        );
    });

    it("images in registry/repository/tag form: docker datasource", () => {
        for (const [name, image] of Object.entries(PINS.images)) {
            assert.ok(covered({ datasource: "docker", depName: image.repository, currentValue: image.tag }), `images.${name} matches no docker rule`);
        }
    });

    it("every other pin in versions/pins.json is extracted by some rule, or has its named updater", () => {
        // Not Renovate's: the Kubernetes minor follows the AKS default (the weekly AKS versions workflow reports a
        // new one), and kubernetes-models is package.json's (Renovate's npm manager; pins.test.ts keeps them equal).
        const otherUpdaters: Record<string, () => void> = {
            kubernetes: () => assert.ok(fs.readFileSync(path.join(ROOT, ".github", "workflows", "aks-versions.yml"), "utf8").includes("--aks-versions")),
            kubernetesModels: () => assert.ok(renovate.enabledManagers.includes("npm")),
        };
        const values = new Set(fromPins.flatMap((dep) => [dep.currentValue, dep.currentDigest]));
        const walk = (node: unknown, where: string) => {
            if (typeof node !== "object" || node === null) return;
            const record = node as Record<string, unknown>;
            const pinned = ["version", "tag", "minor", "digest"].filter((key) => typeof record[key] === "string");
            if (pinned.length === 0) {
                for (const [key, child] of Object.entries(record)) walk(child, where === "" ? key : `${where}.${key}`);
                return;
            }
            if (where in otherUpdaters) return otherUpdaters[where]();
            for (const key of pinned) assert.ok(values.has(record[key] as string), `versions/pins.json ${where}.${key} = ${String(record[key])}: no updater rule reads it`);
        };
        walk(PINS, "");
    });

    it("the Pulumi CLI in every workflow is extracted (github-releases pulumi/pulumi) and grouped with the SDK", () => {
        const workflows = path.join(ROOT, ".github", "workflows");
        for (const file of fs.readdirSync(workflows)) {
            const literals = [...fs.readFileSync(path.join(workflows, file), "utf8").matchAll(/pulumi-version: (\S+)/g)];
            const rules = extracted.filter((dep) => dep.file === `.github/workflows/${file}` && dep.depName === "pulumi/pulumi" && dep.datasource === "github-releases");
            assert.equal(rules.length, literals.length, `${file}: every pulumi-version is read by a rule`);
        }
        const group = renovate.packageRules.find((rule) => rule.matchPackageNames?.includes("pulumi/pulumi"));
        assert.deepEqual(group?.matchPackageNames?.slice().sort(), ["@pulumi/pulumi", "pulumi/pulumi"], "the CLI moves with the SDK (and the executor image derived from it)");
    });

    it("no version literal in a workflow escapes the updaters (actions are the github-actions manager's)", () => {
        const workflows = path.join(ROOT, ".github", "workflows");
        for (const file of fs.readdirSync(workflows)) {
            for (const [index, line] of fs.readFileSync(path.join(workflows, file), "utf8").split("\n").entries()) {
                if (/^\s*(-\s*)?uses:/.test(line) || /^\s*#/.test(line)) continue;
                const literal = /\bv?\d+\.\d+\.\d+\b/.exec(line);
                if (literal === null) continue;
                const read = extracted.some((dep) => dep.file === `.github/workflows/${file}` && dep.currentValue === literal[0].replace(/^v/, "") && line.includes(literal[0]));
                assert.ok(read, `.github/workflows/${file}:${index + 1}: ${line.trim()} is a version no updater reads; move it to versions/pins.json`);
            }
        }
    });

    it("no image or chart version is written in the program outside versions/pins.json (the app's own release aside)", () => {
        const own = /ghcr\.io\/example-org\/platform\/app:|localhost\/platform-app:/;
        const programFiles = repositoryFiles().filter((file) => /^(components|stacks|render|synth|index\.ts|program\.ts)/.test(file) && /\.(ts|sh)$/.test(file));
        for (const file of programFiles) {
            for (const [index, line] of fs.readFileSync(path.join(ROOT, file), "utf8").split("\n").entries()) {
                const pin = /["'`][\w.\-/]+:v?\d+\.\d+(\.\d+)?(@sha256:[a-f0-9]{64})?["'`]|\b(tag|version): ["']v?\d+\.\d+\.\d+["']/.exec(line);
                if (pin !== null && !own.test(line)) assert.fail(`${file}:${index + 1}: ${line.trim()} pins a version outside versions/pins.json`);
            }
        }
    });
});
