import { strict as assert } from "node:assert";
import { parse } from "yaml";
import { bearerTokenKubeconfig, clusterEndpoint } from "../../../components/cluster";

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
    it("keeps the server and CA and replaces kubelogin with the bearer token", () => {
        const result = parse(bearerTokenKubeconfig(EXEC_KUBECONFIG, "eyJ0eXAi.token", "aks-platform-prod")) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
        assert.deepEqual(result.clusters, [
            { name: "aks-platform-prod", cluster: { server: "https://aks-platform-prod-abc123.hcp.westeurope.azmk8s.io:443", "certificate-authority-data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t" } },
        ]);
        assert.deepEqual(result.users, [{ name: "aks-platform-prod", user: { token: "eyJ0eXAi.token" } }]);
        assert.equal(result["current-context"], "aks-platform-prod");
        assert.doesNotMatch(JSON.stringify(result), /kubelogin|exec|devicecode/);
    });

    it("names what is missing when a kubeconfig has no server", () => {
        assert.throws(() => clusterEndpoint("apiVersion: v1\nclusters: []\n"), /clusters\[0\]\.cluster\.server/);
        assert.deepEqual(clusterEndpoint(EXEC_KUBECONFIG).server, "https://aks-platform-prod-abc123.hcp.westeurope.azmk8s.io:443");
    });
});
