// Rules for the Azure resources: identity and access on AKS, production resilience, Key Vault recovery,
// and deletion protection of what cannot be recreated without loss.
import { at, isProduction, list, record, show, text, type PlainResource, type ResourceRule, type RuleContext } from "./model";

const AZURE_TYPES = {
    cluster: "azure-native:containerservice:ManagedCluster",
    agentPool: "azure-native:containerservice:AgentPool",
    vault: "azure-native:keyvault:Vault",
    resourceGroup: "azure-native:resources:ResourceGroup",
} as const;

const NAMES: Record<string, string> = {
    [AZURE_TYPES.cluster]: "AKS cluster",
    [AZURE_TYPES.agentPool]: "AKS node pool",
    [AZURE_TYPES.vault]: "Key Vault",
    [AZURE_TYPES.resourceGroup]: "resource group",
};

function azureLabel(resource: PlainResource): string {
    return `${NAMES[resource.type] ?? resource.type} "${resource.name}"`;
}

function aksIdentity(resource: PlainResource): string[] {
    if (resource.type !== AZURE_TYPES.cluster) return [];
    const where = azureLabel(resource);
    const props = resource.props;
    const problems: string[] = [];
    if (at(props, "oidcIssuerProfile", "enabled") !== true) {
        problems.push(`${where}: the OIDC issuer is off (oidcIssuerProfile.enabled ${show(at(props, "oidcIssuerProfile", "enabled"))}); workload identity federates through it. Fix: set oidcIssuerProfile: { enabled: true }.`);
    }
    if (at(props, "securityProfile", "workloadIdentity", "enabled") !== true) {
        problems.push(`${where}: workload identity is off; pods would need stored credentials to reach Azure. Fix: set securityProfile.workloadIdentity: { enabled: true }.`);
    }
    const aad = record(props.aadProfile);
    if (aad.managed !== true || aad.enableAzureRBAC !== true) {
        problems.push(
            `${where}: Kubernetes access is not authorised by Entra ID with Azure RBAC (aadProfile.managed ${show(aad.managed)}, enableAzureRBAC ${show(aad.enableAzureRBAC)}). Fix: set aadProfile: { managed: true, enableAzureRBAC: true }.`,
        );
    }
    if (props.enableRBAC === false) problems.push(`${where}: Kubernetes RBAC is disabled. Fix: remove enableRBAC: false.`);
    return problems;
}

function zoneProblem(where: string, zones: unknown): string | undefined {
    const distinct = new Set(list(zones).map(String));
    return distinct.size >= 2
        ? undefined
        : `${where} is not spread over zones in prod (availabilityZones ${show(zones)}); one zone outage would take all its nodes. Fix: set availabilityZones to at least two zones, e.g. ["1", "2", "3"].`;
}

function aksProduction(resource: PlainResource, context: RuleContext): string[] {
    if (!isProduction(context)) return [];
    if (resource.type === AZURE_TYPES.agentPool) {
        const problem = zoneProblem(`${azureLabel(resource)} (pool ${show(resource.props.agentPoolName)})`, resource.props.availabilityZones);
        return problem === undefined ? [] : [problem];
    }
    if (resource.type !== AZURE_TYPES.cluster) return [];
    const where = azureLabel(resource);
    const problems: string[] = [];
    if (resource.props.disableLocalAccounts !== true) {
        problems.push(
            `${where} keeps local accounts in prod (disableLocalAccounts ${show(resource.props.disableLocalAccounts)}); the static admin kubeconfig bypasses Entra ID and its audit. Fix: set disableLocalAccounts: true.`,
        );
    }
    for (const pool of list(resource.props.agentPoolProfiles)) {
        const problem = zoneProblem(`${where}: pool ${show(at(pool, "name"))}`, at(pool, "availabilityZones"));
        if (problem !== undefined) problems.push(problem);
    }
    const tier = text(at(resource.props, "sku", "tier"));
    if (tier !== "Standard" && tier !== "Premium") {
        problems.push(`${where} uses the ${show(tier)} tier in prod; only Standard and Premium carry the API server uptime SLA. Fix: set sku.tier: "Standard".`);
    }
    return problems;
}

function keyVault(resource: PlainResource, context: RuleContext): string[] {
    if (resource.type !== AZURE_TYPES.vault) return [];
    const where = azureLabel(resource);
    const properties = record(resource.props.properties);
    const problems: string[] = [];
    if (properties.enableRbacAuthorization !== true) {
        problems.push(
            `${where} is not in Azure RBAC mode (properties.enableRbacAuthorization ${show(properties.enableRbacAuthorization)}); access policies bypass role assignments. Fix: set enableRbacAuthorization: true.`,
        );
    }
    if (properties.enableSoftDelete === false) problems.push(`${where} disables soft delete; a deleted vault and its secrets would be gone at once. Fix: remove enableSoftDelete: false.`);
    if (isProduction(context) && properties.enablePurgeProtection !== true) {
        problems.push(
            `${where} has no purge protection in prod (properties.enablePurgeProtection ${show(properties.enablePurgeProtection)}); whoever can delete it can also purge it before anyone recovers it. Fix: set enablePurgeProtection: true.`,
        );
    }
    return problems;
}

const PROTECTED_IN_PRODUCTION = new Set<string>([AZURE_TYPES.cluster, AZURE_TYPES.vault, AZURE_TYPES.resourceGroup]);

function productionProtection(resource: PlainResource, context: RuleContext): string[] {
    if (!isProduction(context) || !PROTECTED_IN_PRODUCTION.has(resource.type) || resource.protect) return [];
    return [
        `${azureLabel(resource)} is not protected in prod; a mistaken destroy, rename or replacement would delete it. Fix: set the protect resource option (stack config cluster.protect or secretsStore.keyVault.protect).`,
    ];
}

export const azureRules: ResourceRule[] = [
    {
        id: "aks-identity-and-rbac",
        level: "mandatory",
        scope: "resource",
        gitops: false,
        description: "AKS runs the OIDC issuer and workload identity, and authorises Kubernetes access with Entra ID + Azure RBAC.",
        check: aksIdentity,
    },
    {
        id: "aks-production-hardening",
        level: "mandatory",
        scope: "resource",
        gitops: false,
        dependsOnEnvironment: true,
        description: "In prod, AKS disables local accounts, spreads system and user pools over at least two zones, and uses a tier with an uptime SLA.",
        check: aksProduction,
    },
    {
        id: "keyvault-rbac-and-recovery",
        level: "mandatory",
        scope: "resource",
        gitops: false,
        dependsOnEnvironment: true,
        description: "Key Vault uses Azure RBAC and soft delete everywhere, and purge protection in prod.",
        check: keyVault,
    },
    {
        id: "production-deletion-protection",
        level: "mandatory",
        scope: "resource",
        gitops: false,
        dependsOnEnvironment: true,
        description: "In prod, the AKS cluster, Key Vaults and resource groups carry the protect option.",
        check: productionProtection,
    },
];
