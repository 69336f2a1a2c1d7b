// delivery: gitops — creates the Argo CD AppProject and Application for the rendered workload.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { StackConfig } from "../../../stacks";
import type { PlatformOutputs } from "../../platform";
import type { WorkloadSpec } from "../spec";
import type { WorkloadObject } from "../workload";
import { createRepositoryCredential } from "../private-access";
import { application, appProject, type GitOpsSpec } from "./argocd-objects";

export interface GitOpsDeliveryArgs {
    spec: WorkloadSpec;
    config: StackConfig;
    platform: PlatformOutputs;
    workload: WorkloadObject[];
}

function gitOpsSpec(args: GitOpsDeliveryArgs): GitOpsSpec {
    const { gitops } = args.config.app;
    // Validation guarantees gitops settings whenever delivery is gitops; this guards direct callers.
    if (gitops === undefined) throw new Error(`app.gitops = (missing): required when app.delivery is "gitops" (stack "${args.config.stackName}")`);
    return {
        stackName: args.spec.stackName,
        argocdNamespace: args.platform.argocd.namespace,
        appNamespace: args.spec.namespace,
        repoUrl: gitops.repoUrl,
        targetRevision: gitops.targetRevision,
        workload: args.workload,
    };
}

/** `dependsOn`: the Argo CD release (it installs the CRDs) and the landing zone the workload lands in. */
export function createGitOpsDelivery(name: string, args: GitOpsDeliveryArgs, opts: Omit<pulumi.CustomResourceOptions, "dependsOn"> & { dependsOn?: pulumi.Resource[] }) {
    const { parent, dependsOn = [] } = opts;
    const spec = gitOpsSpec(args);
    const { gitops } = args.config.app;
    const token = args.config.secrets.gitopsRepoToken;
    // A private repository: Argo CD needs the credential before its first sync, or the Application shows ComparisonError.
    const credential =
        gitops?.repoAccess === "private" && token
            ? [createRepositoryCredential(`${name}-repository-credential`, { argocdNamespace: spec.argocdNamespace, stackName: spec.stackName, repoUrl: spec.repoUrl, token }, { parent, dependsOn })]
            : [];
    const project = new k8s.apiextensions.CustomResource(`${name}-appproject`, { ...appProject(spec) }, { parent, dependsOn: [...dependsOn, ...credential] });
    const app = new k8s.apiextensions.CustomResource(`${name}-application`, { ...application(spec) }, { parent, dependsOn: [project, ...dependsOn] });
    return { project, application: app, applicationName: pulumi.interpolate`${spec.argocdNamespace}/${app.metadata.name}` };
}
