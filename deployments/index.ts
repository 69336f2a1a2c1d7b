import * as pulumi from "@pulumi/pulumi";
import { parseConfig } from "./src/config";
import { deployRbacAssignments } from "./src/deploy-rbac";
import { createPlatformDeployments } from "./src/program";
import { summarize } from "./src/summary";

const config = new pulumi.Config();
const cfg = parseConfig((key) => config.get(key), config.name);
const created = createPlatformDeployments(cfg);
const summary = summarize(cfg);

/** Per platform stack: branch, ESC environment, the Pulumi.<stack>.yaml import and the Entra federated credential to create. */
export const stacks = summary.stacks;
/** The GitHub OIDC policies (claims -> preview team token); add them by hand when registerGithubOidcIssuer is false. */
export const githubOidcPolicies = summary.githubOidcPolicies;
export const escEnvironmentRevisions = {
    staging: created.environments.staging.revision,
    prod: created.environments.prod.revision,
};
/** Version number Pulumi Cloud gave the published policy pack. */
export const policyPackVersion = created.governance.policyPack.version;
/** Per stack: the deploy app's Role Based Access Control Administrator assignment, limited by an ABAC condition to the roles the platform grants. */
export const deployRbacAdministrator = deployRbacAssignments(cfg);
