import { ConfigGetter } from "../src/config";

export const TENANT = "11111111-2222-3333-4444-555555555555";
export const STAGING_SUB = "aaaaaaaa-0000-0000-0000-000000000001";
export const STAGING_CLIENT = "bbbbbbbb-0000-0000-0000-000000000001";
export const PROD_SUB = "aaaaaaaa-0000-0000-0000-000000000002";
export const PROD_CLIENT = "bbbbbbbb-0000-0000-0000-000000000002";
export const STAGING_PREVIEW_CLIENT = "cccccccc-0000-0000-0000-000000000001";
export const PROD_PREVIEW_CLIENT = "cccccccc-0000-0000-0000-000000000002";

/** Minimal valid configuration (only the required keys). */
export function validRaw(): Record<string, string> {
    return {
        pulumiOrg: "acme",
        githubOwner: "acme-corp",
        githubRepo: "k8s-platform",
        githubOwnerId: "1234",
        githubRepoId: "5678",
        githubMaintainersTeamId: "4242",
        azureTenantId: TENANT,
        stagingAzureSubscriptionId: STAGING_SUB,
        stagingAzureClientId: STAGING_CLIENT,
        prodAzureSubscriptionId: PROD_SUB,
        prodAzureClientId: PROD_CLIENT,
        stagingAzurePreviewClientId: STAGING_PREVIEW_CLIENT,
        prodAzurePreviewClientId: PROD_PREVIEW_CLIENT,
    };
}

export function getter(raw: Record<string, string>): ConfigGetter {
    return (key) => (Object.prototype.hasOwnProperty.call(raw, key) ? raw[key] : undefined);
}
