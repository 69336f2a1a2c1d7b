import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";

/** The Kubernetes provider every platform and app resource goes through, the same for both cluster kinds. */
export interface ClusterProviderArgs {
    /** Admin or user kubeconfig (secret). */
    kubeconfig: pulumi.Output<string>;
    /** Names the cluster; only a change of it replaces the provider. On AKS it changes with a new cluster. */
    clusterIdentifier: pulumi.Input<string>;
}

export function clusterProvider(name: string, args: ClusterProviderArgs, opts: pulumi.CustomResourceOptions): k8s.Provider {
    const { kubeconfig, clusterIdentifier } = args;
    return new k8s.Provider(
        name,
        {
            kubeconfig,
            // Only a change of this identifier replaces the provider (and so every resource on it); a new
            // kubeconfig for the same cluster (rotated certificates, a recreated kind port) is an update.
            clusterIdentifier,
            // ConfigMaps are updated in place instead of replaced: the app's Deployment carries a checksum
            // of its ConfigMap, so a config change rolls the pods without a window where the ConfigMap is gone.
            enableConfigMapMutable: true,
        },
        opts,
    );
}
