// The kubeconfig the Kubernetes provider uses on AKS: the cluster's server and CA from the user credentials and
// an `exec` entry that runs kubelogin when a token is needed. It holds no credential, so the provider input
// Pulumi keeps in state (readable by every identity with Stack Read) grants nothing, and it is the same bytes
// for every runner and every run: the login mode comes from the runner's environment (AAD_LOGIN_METHOD), not
// from the kubeconfig. See docs/decisions/cluster-credentials.md.
import { parse, stringify } from "yaml";

/** Application id of the Entra ID server app every AKS cluster with Entra integration accepts tokens for. */
const AKS_ENTRA_SERVER_APP_ID = "6dae42f8-4368-4678-94ff-3960e28e3630";

/** The environment variable kubelogin reads its login mode from when `--login` is not given. */
const KUBELOGIN_LOGIN_ENV = "AAD_LOGIN_METHOD";

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

/** The credential plugin every AKS kubeconfig of this project runs (also what wait-for-api-access runs). */
export interface ExecPlugin {
    command: string;
    args: string[];
}

/**
 * kubelogin for the AKS server app, with no `--login`: the mode is the runner's `AAD_LOGIN_METHOD`
 * (`workloadidentity` in Pulumi Deployments and the preview jobs, `azurecli` on a laptop).
 */
export const KUBELOGIN_EXEC: ExecPlugin = { command: "kubelogin", args: ["get-token", "--server-id", AKS_ENTRA_SERVER_APP_ID] };

const INSTALL_HINT =
    "kubelogin is required (pinned in versions/kubelogin.json; scripts/install-kubelogin.cjs installs it). " +
    `Set ${KUBELOGIN_LOGIN_ENV}=azurecli after az login on a laptop; Pulumi Deployments and the preview jobs set workloadidentity.`;

/** A single-context kubeconfig for the first cluster of `userKubeconfig` that authenticates through kubelogin. */
export function execKubeconfig(userKubeconfig: string, name = "aks"): string {
    const { server, caData } = clusterEndpoint(userKubeconfig);
    return stringify({
        apiVersion: "v1",
        kind: "Config",
        clusters: [{ name, cluster: { server, ...(caData === undefined ? {} : { "certificate-authority-data": caData }) } }],
        users: [
            {
                name,
                user: {
                    exec: {
                        apiVersion: "client.authentication.k8s.io/v1beta1",
                        command: KUBELOGIN_EXEC.command,
                        args: [...KUBELOGIN_EXEC.args],
                        // No prompt can be answered inside the Pulumi engine; a mode that needs one fails instead of hanging.
                        interactiveMode: "Never",
                        provideClusterInfo: false,
                        installHint: INSTALL_HINT,
                    },
                },
            },
        ],
        contexts: [{ name, context: { cluster: name, user: name } }],
        "current-context": name,
    });
}
