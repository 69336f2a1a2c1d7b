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

/**
 * Who runs the program, as the Azure provider would report it: the identity behind getClientConfig and the
 * token behind any token invoke. The steady-state tests synthesize under two of these and compare.
 */
export interface SynthRunner {
    objectId: string;
    clientId: string;
    /** What a token invoke would return for this run (a fresh one on every real run). */
    token: string;
}

const DEFAULT_RUNNER: SynthRunner = { objectId: SYNTH_DEPLOYER_OBJECT_ID, clientId: synthUuid("deployer/client"), token: "synth-entra-token" };

const SYNTH_KUBECONFIG = [
    "apiVersion: v1",
    "kind: Config",
    "clusters: [{name: synth, cluster: {server: 'https://synth.invalid:6443'}}]",
    "contexts: [{name: synth, context: {cluster: synth, user: synth}}]",
    "current-context: synth",
    "users: [{name: synth, user: {token: synth-token}}]",
    "",
].join("\n");

/** What listClusterUserCredential(format: exec) returns for an Entra ID cluster: server, CA and kubelogin, no secret. */
const SYNTH_AKS_USER_KUBECONFIG = [
    "apiVersion: v1",
    "kind: Config",
    "clusters: [{name: synth, cluster: {server: 'https://synth.hcp.westeurope.azmk8s.io:443', certificate-authority-data: U1lOVEgtQ0EK}}]",
    "contexts: [{name: synth, context: {cluster: synth, user: clusterUser_synth}}]",
    "current-context: synth",
    "users: [{name: clusterUser_synth, user: {exec: {apiVersion: client.authentication.k8s.io/v1beta1, command: kubelogin, args: [get-token, --login, devicecode, --server-id, 6dae42f8-4368-4678-94ff-3960e28e3630]}}}]",
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

export function mockCall(token: string, inputs: Inputs, runner: SynthRunner = DEFAULT_RUNNER): Inputs {
    switch (token) {
        case "azure-native:authorization:getClientConfig":
            return { clientId: runner.clientId, objectId: runner.objectId, subscriptionId: SYNTH_SUBSCRIPTION_ID, tenantId: SYNTH_TENANT_ID };
        case "azure-native:authorization:getClientToken":
            return { token: runner.token };
        case "azure-native:containerservice:listManagedClusterUserCredentials":
            return { kubeconfigs: [{ name: "clusterUser", value: Buffer.from(SYNTH_AKS_USER_KUBECONFIG).toString("base64") }] };
        case "azure-native:containerservice:listManagedClusterAdminCredentials":
            return { kubeconfigs: [{ name: "clusterAdmin", value: Buffer.from(SYNTH_KUBECONFIG).toString("base64") }] };
        default:
            return { ...inputs };
    }
}
