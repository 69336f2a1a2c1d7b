// A local kind cluster for the dev stack, driven by @pulumi/command: no cloud, only Docker and kind.
import * as fs from "node:fs";
import * as path from "node:path";
import * as command from "@pulumi/command";
import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { stringify } from "yaml";
import type { KindClusterConfig } from "../../stacks";
import { dockerKindScript } from "../shell";
import { WORKLOAD_NODE_LABEL, type ClusterHandle } from "./handle";
import { clusterProvider } from "./provider";

export interface KindClusterArgs {
    config: KindClusterConfig;
    /** Used for the default cluster name `platform-<stack>`. */
    stackName: string;
}

export function kindClusterName(config: KindClusterConfig, stackName: string): string {
    return config.name ?? `platform-${stackName}`;
}

/** The kind cluster config: one control plane, N workers labelled for workloads, all on the pinned image. */
export function kindConfigYaml(config: KindClusterConfig): string {
    const worker = { role: "worker", image: config.nodeImage, labels: { [WORKLOAD_NODE_LABEL.key]: WORKLOAD_NODE_LABEL.value } };
    return stringify({
        kind: "Cluster",
        apiVersion: "kind.x-k8s.io/v1alpha4",
        nodes: [{ role: "control-plane", image: config.nodeImage }, ...Array.from({ length: config.workerNodes }, () => worker)],
    });
}

const scriptPath = (file: string) => path.join(__dirname, "scripts", file);

export class KindCluster extends pulumi.ComponentResource implements ClusterHandle {
    readonly kind = "kind";
    readonly provider: k8s.Provider;
    readonly kubeconfig: pulumi.Output<string>;
    readonly name: pulumi.Output<string>;
    readonly readyDependencies: pulumi.Resource[];

    constructor(name: string, args: KindClusterArgs, opts: pulumi.ComponentResourceOptions = {}) {
        super("platform:cluster:KindCluster", name, {}, opts);
        const clusterName = kindClusterName(args.config, args.stackName);
        const kindConfig = kindConfigYaml(args.config);

        const cluster = new command.local.Command(
            `${name}-create`,
            {
                create: dockerKindScript(scriptPath("kind-create.sh")),
                delete: fs.readFileSync(scriptPath("kind-delete.sh"), "utf8"),
                interpreter: ["/bin/bash", "-c"],
                environment: { CLUSTER_NAME: clusterName, KIND_CONFIG: kindConfig },
                // A different node layout needs a new cluster: kind cannot reshape one in place.
                triggers: [clusterName, kindConfig],
                // stdout is the kubeconfig: never echo it into Pulumi's logs.
                logging: "stderr",
            },
            // The cluster name is fixed, so the old cluster must go before its replacement is created.
            { parent: this, deleteBeforeReplace: true, additionalSecretOutputs: ["stdout"] },
        );
        const kubeconfig = pulumi.secret(cluster.stdout);

        const provider = clusterProvider(`${name}-provider`, { kubeconfig, clusterIdentifier: `kind-${clusterName}` }, { parent: this });

        this.provider = provider;
        this.kubeconfig = kubeconfig;
        this.name = pulumi.output(clusterName);
        this.readyDependencies = [cluster];
        this.registerOutputs({ clusterName, kubeconfig });
    }
}
