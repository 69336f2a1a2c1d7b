import { strict as assert } from "node:assert";
import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { isRpcSecret } from "@pulumi/pulumi/runtime/rpc";
import { parse } from "yaml";
import { kindConfigYaml } from "../../../components/cluster";
import { dockerKindScript } from "../../../components/shell";
import { presets } from "../../../stacks";
import { KIND_NODE_IMAGE } from "../../../versions";
import type { KindClusterConfig } from "../../../stacks";
import { dependencyNames, one, synthOnce } from "../../support/stacks";

const SCRIPTS = path.join(__dirname, "../../../components/cluster/scripts");

describe("components/cluster/kind", () => {
    it("writes a kind config with one control plane and labelled workers on the pinned image", () => {
        const config = parse(kindConfigYaml({ ...(presets.dev.cluster as KindClusterConfig), workerNodes: 3 }));
        assert.equal(config.apiVersion, "kind.x-k8s.io/v1alpha4");
        assert.deepEqual(config.nodes.map((n: { role: string }) => n.role), ["control-plane", "worker", "worker", "worker"]);
        for (const worker of config.nodes.slice(1)) assert.deepEqual(worker.labels, { "platform/workload": "true" });
        assert.equal(config.nodes[0].labels, undefined, "the control plane must not attract workloads");
        assert.ok(config.nodes.every((n: { image: string }) => n.image === KIND_NODE_IMAGE));
        assert.match(KIND_NODE_IMAGE, /@sha256:[a-f0-9]{64}$/);
    });

    it("creates the dev cluster with a fixed name, deletes it on destroy, and keeps the kubeconfig secret", async () => {
        const dev = await synthOnce("dev");
        const create = one(dev, "command:local:Command", "cluster-create");
        const env = create.inputs.environment as Record<string, string>;
        assert.equal(env.CLUSTER_NAME, "platform-dev");
        assert.equal(parse(env.KIND_CONFIG).nodes.length, 3, "dev: 1 control plane + 2 workers");
        assert.match(String(create.inputs.create), /kind create cluster --name "\$\{CLUSTER_NAME\}"/);
        assert.match(String(create.inputs.delete), /kind delete cluster --name "\$\{CLUSTER_NAME\}"/);
        assert.equal(create.inputs.logging, "stderr", "stdout carries the kubeconfig and must not be logged");
        assert.ok(create.options.deleteBeforeReplace, "the fixed name requires delete before replace");
        assert.deepEqual(create.options.additionalSecretOutputs, ["stdout"]);
        assert.deepEqual(create.inputs.triggers, ["platform-dev", env.KIND_CONFIG]);

        const provider = one(dev, "pulumi:providers:kubernetes", "cluster-provider");
        assert.equal(provider.inputs.clusterIdentifier, "kind-platform-dev");
        assert.equal(provider.inputs.enableConfigMapMutable, "true", "config changes update the ConfigMap in place and roll pods by checksum");
        assert.ok(isRpcSecret(provider.inputs.kubeconfig), "the provider's kubeconfig must be a secret");
        assert.ok(dependencyNames(provider).includes("cluster-create"));
        assert.ok(isRpcSecret(dev.outputs.kubeconfig), "the kubeconfig output must be a secret");
    });

    it("fails with a message naming the missing tool", () => {
        let stderr = "";
        try {
            // The script as the component runs it: the shared tool-check preamble, then the file.
            execFileSync("/bin/bash", ["-c", dockerKindScript(path.join(SCRIPTS, "kind-create.sh"))], { env: { PATH: "/nonexistent", CLUSTER_NAME: "platform-dev", KIND_CONFIG: "" }, stdio: "pipe" });
        } catch (error) {
            stderr = String((error as { stderr: Buffer }).stderr);
        }
        assert.match(stderr, /kind cluster platform-dev: the required tool 'docker' was not found on PATH/);
    });
});
