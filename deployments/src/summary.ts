/** What the program exports for an operator to copy into Entra, GitHub and the stack files. */
import { PlainOidcIssuerArgs, buildGithubOidcIssuerArgs, previewEnvironmentId, previewTeamName } from "./access";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";
import { FederatedCredentialSpec, azureFederatedCredential, escEnvironmentId, stackConfigImport } from "./settings";

export interface DeploymentsSummary {
    stacks: Record<
        DeployedStack,
        {
            stack: string;
            branch: string;
            escEnvironment: string;
            stackConfigImport: string;
            /** Credential for the deploying Entra app (Contributor + RBAC Administrator). */
            azureFederatedCredential: FederatedCredentialSpec;
            previewEscEnvironment: string;
            /** Credential for the read-only Entra app (Reader + AKS Cluster User Role + AKS RBAC Reader) that previews use. */
            previewAzureFederatedCredential: FederatedCredentialSpec;
            previewTeam: string;
        }
    >;
    /** The OIDC issuer policies (subject and claims -> team token) to add by hand when the issuer is not registered here. */
    githubOidcPolicies: PlainOidcIssuerArgs["policies"];
}

/** Values exported as stack outputs so an operator can copy them into Entra, GitHub and the stack files. */
export function summarize(cfg: PlatformDeploymentsConfig): DeploymentsSummary {
    const stacks = {} as DeploymentsSummary["stacks"];
    for (const stack of DEPLOYED_STACKS) {
        const preview = previewEnvironmentId(cfg, stack);
        stacks[stack] = {
            stack: `${cfg.pulumiOrg}/${cfg.platformProject}/${stack}`,
            branch: cfg.branches[stack],
            escEnvironment: `${cfg.pulumiOrg}/${escEnvironmentId(cfg, stack).ref}`,
            stackConfigImport: stackConfigImport(cfg, stack),
            azureFederatedCredential: azureFederatedCredential(cfg, escEnvironmentId(cfg, stack)),
            previewEscEnvironment: `${cfg.pulumiOrg}/${preview.ref}`,
            previewAzureFederatedCredential: azureFederatedCredential(cfg, preview),
            previewTeam: previewTeamName(cfg, stack),
        };
    }
    return { stacks, githubOidcPolicies: buildGithubOidcIssuerArgs(cfg).policies };
}
