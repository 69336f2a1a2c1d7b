// The kubeconfig the Kubernetes provider uses on AKS: the cluster's server and CA from the user credentials,
// with a bearer token for the AKS Entra ID server application instead of kubelogin's `exec` entry. The token
// is fetched by the azure-native provider with whatever credential it already has (az login on a laptop, OIDC
// in Pulumi Deployments and GitHub Actions), so no runner needs kubelogin or an interactive login.
import { parse, stringify } from "yaml";

/** Application id of the Entra ID server app every AKS cluster with Entra integration accepts tokens for. */
export const AKS_ENTRA_SERVER_APP_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

interface KubeconfigCluster {
    name: string;
    cluster: { server: string; "certificate-authority-data"?: string };
}

/** The API server address and CA of the first cluster in a kubeconfig. */
export function clusterEndpoint(kubeconfig: string): { server: string; caData?: string } {
    const document = parse(kubeconfig) as { clusters?: KubeconfigCluster[] } | null;
    const first = document?.clusters?.[0]?.cluster;
    if (first?.server === undefined) throw new Error("kubeconfig: has no cluster with a server address (clusters[0].cluster.server)");
    return { server: first.server, caData: first["certificate-authority-data"] };
}

/** A single-context kubeconfig for `server` that authenticates with `token`. */
export function bearerTokenKubeconfig(userKubeconfig: string, token: string, name = "aks"): string {
    const { server, caData } = clusterEndpoint(userKubeconfig);
    return stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server, ...(caData === undefined ? {} : { "certificate-authority-data": caData }) } }],
        users: [{ name, user: { token } }],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
    });
}
