// Provider-computed outputs the program reads (ids, OIDC issuer, kubeconfig...). Under the mock runtime
// no provider runs, so these stand in with obviously synthetic, deterministic values.
import { createHash } from "node:crypto";

/** A stable, recognisable fake UUID: `5e1f0000-` prefix marks it synthetic. */
export function synthUuid(seed: string): string {
    const hex = createHash("sha256").update(seed).digest("hex");
    return `5e1f0000-${hex.slice(0, 4)}-${hex.slice(4, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 24)}`;
}

export const SYNTH_TENANT_ID = synthUuid("tenant");
export const SYNTH_SUBSCRIPTION_ID = synthUuid("subscription");
export const SYNTH_DEPLOYER_OBJECT_ID = synthUuid("deployer");

const SYNTH_KUBECONFIG = [
    "apiVersion: v1",
    "kind: Config",
    "clusters: [{name: synth, cluster: {server: 'https://synth.invalid:6443'}}]",
    "contexts: [{name: synth, context: {cluster: synth, user: synth}}]",
    "current-context: synth",
    "users: [{name: synth, user: {token: synth-token}}]",
    "",
].join("\n");

type Inputs = Record<string, unknown>;

export function mockOutputs(type: string, name: string, inputs: Inputs): Inputs {
    switch (type) {
        case "azure-native:resources:ResourceGroup":
            return { name: inputs.resourceGroupName ?? name };
        case "azure-native:managedidentity:UserAssignedIdentity":
            return { name: inputs.resourceName ?? name, clientId: synthUuid(`${name}/client`), principalId: synthUuid(`${name}/principal`), tenantId: SYNTH_TENANT_ID };
        case "azure-native:containerservice:ManagedCluster":
            return {
                name: inputs.resourceName ?? name,
                fqdn: `${name}.hcp.synth.azmk8s.io`,
                oidcIssuerProfile: { enabled: true, issuerURL: `https://synth.oic.prod-aks.azure.com/${SYNTH_TENANT_ID}/${synthUuid(name)}/` },
            };
        case "azure-native:keyvault:Vault": {
            const vaultName = (inputs.vaultName as string | undefined) ?? name;
            return { name: vaultName, properties: { ...(inputs.properties as Inputs), vaultUri: `https://${vaultName}.vault.azure.net/` } };
        }
        case "command:local:Command":
            return { stdout: SYNTH_KUBECONFIG, stderr: "" };
        case "random:index/randomString:RandomString":
            return { result: createHash("sha256").update(name).digest("hex").replace(/[^a-z]/g, "").padEnd(Number(inputs.length ?? 6), "x").slice(0, Number(inputs.length ?? 6)) };
        case "random:index/randomPassword:RandomPassword":
            return { result: `synth-random-${name}`, bcryptHash: `$2a$10$synthbcrypthash.${name}` };
        default:
            return {};
    }
}

export function mockCall(token: string, inputs: Inputs): Inputs {
    switch (token) {
        case "azure-native:authorization:getClientConfig":
            return { clientId: synthUuid("deployer/client"), objectId: SYNTH_DEPLOYER_OBJECT_ID, subscriptionId: SYNTH_SUBSCRIPTION_ID, tenantId: SYNTH_TENANT_ID };
        case "azure-native:authorization:getClientToken":
            return { token: "synth-entra-token" };
        case "azure-native:containerservice:listManagedClusterUserCredentials":
        case "azure-native:containerservice:listManagedClusterAdminCredentials":
            return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(SYNTH_KUBECONFIG).toString("base64") }] };
        default:
            return { ...inputs };
    }
}
