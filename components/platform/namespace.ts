// Platform namespaces are created by Pulumi (not by Helm) so their Pod Security level is reviewed here
// and every release can depend on its namespace.
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { INamespace } from "kubernetes-models/v1/Namespace";
import { podSecurityLabels, type PodSecurityLevel } from "../pod-security";

/** Plain Namespace manifest with Pod Security Admission enforce/audit/warn all at one level. */
export function namespaceManifest(name: string, level: PodSecurityLevel): INamespace & { metadata: { name: string; labels: Record<string, string> } } {
    return {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: {
            name,
            labels: {
                "app.kubernetes.io/part-of": "platform",
                "app.kubernetes.io/managed-by": "pulumi",
                ...podSecurityLabels(level),
            },
        },
    };
}

/** Creates the namespace; `dependsOn` carries the cluster's readiness (e.g. the AKS user pool). */
export interface PlatformNamespaceArgs {
    /** The namespace's own name (the resource is named by `name`). */
    namespace: string;
    level: PodSecurityLevel;
}

export function platformNamespace(name: string, args: PlatformNamespaceArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Namespace {
    const { metadata } = namespaceManifest(args.namespace, args.level);
    return new k8s.core.v1.Namespace(name, { metadata }, opts);
}
