import { strict as assert } from "node:assert";
import { parse } from "yaml";
import { clusterEndpoint, execKubeconfig } from "../../../components/cluster";

// The shape `listManagedClusterUserCredentials(format: exec)` returns (trimmed): kubelogin with device code.
const EXEC_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- name: aks-platform-prod
  cluster:
    server: https://aks-platform-prod-abc123.hcp.westeurope.azmk8s.io:443
    certificate-authority-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t
contexts:
- name: aks-platform-prod
  context: {cluster: aks-platform-prod, user: clusterUser_rg_aks-platform-prod}
current-context: aks-platform-prod
users:
- name: clusterUser_rg_aks-platform-prod
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1beta1
      command: kubelogin
      args: [get-token, --login, devicecode, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]
`;

describe("components/cluster/kubeconfig", () => {
    it("keeps the server and CA and runs kubelogin for the AKS server app with the login mode left to the runner", () => {
        const result = parse(execKubeconfig(EXEC_KUBECONFIG, "aks-platform-prod")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        assert.deepEqual(result.clusters, [
            { name: "aks-platform-prod", cluster: { server: "https://aks-platform-prod-abc123.hcp.westeurope.azmk8s.io:443", "certificate-authority-data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t" } },
        ]);
        const exec = result.users[0].user.exec;
        assert.equal(exec.command, "kubelogin");
        // The AKS Entra ID server application (the same id in every tenant, from the AKS docs).
        assert.deepEqual(exec.args, ["get-token", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"]);
        assert.equal(exec.apiVersion, "client.authentication.k8s.io/v1beta1");
        assert.equal(exec.interactiveMode, "Never");
        assert.match(exec.installHint, /AAD_LOGIN_METHOD=azurecli/);
        assert.deepEqual(Object.keys(result.users[0].user), ["exec"], "no token, client key or password");
        assert.doesNotMatch(JSON.stringify(result), /devicecode|--login/, "the runner's AAD_LOGIN_METHOD picks the login, so every runner stores the same bytes");
        assert.equal(result["current-context"], "aks-platform-prod");
    });

    it("is the same bytes for the same cluster, whoever asks", () => {
        assert.equal(execKubeconfig(EXEC_KUBECONFIG, "aks-platform-prod"), execKubeconfig(EXEC_KUBECONFIG, "aks-platform-prod"));
    });

    it("names what is missing when a kubeconfig has no server", () => {
        assert.throws(() => clusterEndpoint("apiVersion: v1\nclusters: []\n"), /clusters\[0\]\.cluster\.server/);
        assert.deepEqual(clusterEndpoint(EXEC_KUBECONFIG).server, "https://aks-platform-prod-abc123.hcp.westeurope.azmk8s.io:443");
    });
});
