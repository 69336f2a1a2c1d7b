// versions/pins.json: each pin says where it comes from and what it must stay compatible with, and the pins that
// must move together (kind and its node image, the Kubernetes minor everything dev-side follows) do.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { podSecurityLabels } from "../../components/pod-security";
import { CHARTS } from "../../components/platform";
import { presets } from "../../stacks";
import { ROOT } from "../../synth";
import { CHART_PINS, KIND_NODE_IMAGE, KIND_RELEASE, KUBERNETES_MINOR, PINS, aksChannelMinor, minorOf } from "../../versions";

/**
 * The default node image of each kind release, as its release notes and pkg/apis/config/defaults/image.go at the
 * release tag state it. kind only guarantees node images built for the release they ship with, so the pinned
 * image must be the pinned release's own; a kind bump fails here until the image moves with it.
 */
const KIND_DEFAULT_NODE_IMAGES: Record<string, string> = {
    "v0.29.0": "kindest/node:v1.33.1@sha256:050072256b9a903bd914c0b2866828150cb229cea0efe5892e2b644d5dd3b34f",
    "v0.31.0": "kindest/node:v1.35.0@sha256:452d707d4862f52530247495d180205e029056831160e22870e37e3f6c1ac31f",
    "v0.32.0": "kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5",
};

/** Leaf objects of pins.json that pin something (they carry a version, tag or minor). */
function pinEntries(): Array<[string, Record<string, unknown>]> {
    const entries: Array<[string, Record<string, unknown>]> = [];
    const walk = (node: unknown, where: string) => {
        if (typeof node !== "object" || node === null) return;
        const record = node as Record<string, unknown>;
        if (["version", "tag", "minor"].some((key) => typeof record[key] === "string")) entries.push([where, record]);
        else for (const [key, child] of Object.entries(record)) walk(child, where === "" ? key : `${where}.${key}`);
    };
    walk(PINS, "");
    return entries;
}

describe("versions/pins.json", () => {
    it("every pin names its source and what it must stay compatible with", () => {
        const entries = pinEntries();
        assert.ok(entries.length >= 9, `${entries.length} pins`);
        for (const [where, pin] of entries) {
            assert.ok(typeof pin.source === "string" && pin.source.length > 10, `${where}.source`);
            assert.ok(typeof pin.compatibleWith === "string" && pin.compatibleWith.length > 10, `${where}.compatibleWith`);
        }
    });

    it("the kind node image is the pinned kind release's own default image, pinned by digest", () => {
        assert.ok(KIND_RELEASE in KIND_DEFAULT_NODE_IMAGES, `kind ${KIND_RELEASE}: add its default node image (release notes) to this table`);
        assert.equal(KIND_NODE_IMAGE, KIND_DEFAULT_NODE_IMAGES[KIND_RELEASE]);
        assert.match(KIND_NODE_IMAGE, /^kindest\/node:v\d+\.\d+\.\d+@sha256:[a-f0-9]{64}$/);
        assert.equal(presets.dev.cluster.kind === "kind" ? presets.dev.cluster.nodeImage : undefined, KIND_NODE_IMAGE, "dev runs the pinned image");
    });

    it("the kind binary's checksum is a sha256", () => {
        assert.match(PINS.kind.linuxAmd64Sha256, /^[a-f0-9]{64}$/);
    });

    it("dev, kubectl, Pod Security and the schema checks all follow the one Kubernetes minor", () => {
        assert.equal(minorOf(KIND_NODE_IMAGE), KUBERNETES_MINOR, "kind node image");
        assert.equal(minorOf(PINS.kubectl.version), KUBERNETES_MINOR, "kubectl");
        assert.equal(podSecurityLabels("restricted")["pod-security.kubernetes.io/enforce-version"], `v${KUBERNETES_MINOR}`, "Pod Security enforce-version");
        assert.equal(PINS.kubernetesModels.kubernetesMinor, KUBERNETES_MINOR, "kubernetes-models schema");
    });

    it("records the kubernetes-models version package.json installs (so a bump re-checks its schema minor)", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { devDependencies: Record<string, string> };
        assert.equal(pkg.devDependencies[PINS.kubernetesModels.package], PINS.kubernetesModels.version);
    });

    it("dev's minor is the one AKS creates by default and prod's stable channel runs (N-1)", () => {
        assert.equal(aksChannelMinor("stable", new Date()), KUBERNETES_MINOR);
    });

    it("the platform installs exactly the chart pins", () => {
        assert.deepEqual(CHARTS, CHART_PINS);
        for (const pin of Object.values(CHART_PINS)) {
            assert.match(pin.version, /^\d+\.\d+\.\d+$/, `${pin.chart}: exact version`);
            assert.match(pin.repo, /^https:\/\//, `${pin.chart}: repository URL`);
        }
    });
});
