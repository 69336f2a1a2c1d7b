// Credentials for a private image and a private gitops repository, from the stack's secret config. Nodes pull
// the image with a dockerconfigjson Secret that the app's ServiceAccount lists (Kubernetes copies a
// ServiceAccount's imagePullSecrets into every pod it runs, so the rendered Deployment stays the same); Argo CD
// clones the repository with a Secret labelled as a repository credential in its own namespace.
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { IMAGE_PULL_SECRET } from "./names";

/** The registry host of an image reference; Docker Hub when the first part is not a host name. */
export function registryHost(image: string): string {
    const first = image.split("/")[0];
    return image.includes("/") && (first.includes(".") || first.includes(":") || first === "localhost") ? first : "docker.io";
}

/** The `.dockerconfigjson` document for one registry login. */
export function dockerConfigJson(host: string, username: string, password: string): string {
    return JSON.stringify({ auths: { [host]: { username, password, auth: Buffer.from(`${username}:${password}`).toString("base64") } } });
}

export interface ImagePullSecretArgs {
    namespace: string;
    image: string;
    username: string;
    password: pulumi.Output<string>;
    labels: Record<string, string>;
}

export function createImagePullSecret(name: string, args: ImagePullSecretArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Secret {
    const host = registryHost(args.image);
    return new k8s.core.v1.Secret(
        name,
        {
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name: IMAGE_PULL_SECRET, namespace: args.namespace, labels: args.labels },
            type: "kubernetes.io/dockerconfigjson",
            stringData: { ".dockerconfigjson": pulumi.secret(args.password.apply((password) => dockerConfigJson(host, args.username, password))) },
        },
        opts,
    );
}

export interface RepositoryCredentialArgs {
    argocdNamespace: pulumi.Input<string>;
    stackName: string;
    repoUrl: string;
    token: pulumi.Output<string>;
}

/** Argo CD finds repository credentials by this label on Secrets in its namespace. */
const ARGOCD_REPOSITORY_LABEL = { "argocd.argoproj.io/secret-type": "repository" } as const;

export function createRepositoryCredential(name: string, args: RepositoryCredentialArgs, opts: pulumi.CustomResourceOptions): k8s.core.v1.Secret {
    return new k8s.core.v1.Secret(
        name,
        {
            apiVersion: "v1",
            kind: "Secret",
            metadata: { name: `repo-platform-${args.stackName}`, namespace: args.argocdNamespace, labels: { ...ARGOCD_REPOSITORY_LABEL } },
            type: "Opaque",
            // Git hosts accept a token as the HTTPS password; GitHub ignores the user name, which only must not be empty.
            stringData: { type: "git", url: args.repoUrl, username: "x-access-token", password: pulumi.secret(args.token) },
        },
        opts,
    );
}
