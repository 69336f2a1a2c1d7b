import * as pulumi from "@pulumi/pulumi";
import { parseConfig } from "./src/config";
import { createPlatformDeployments } from "./src/program";
import { summarize } from "./src/settings";

const config = new pulumi.Config();
const cfg = parseConfig((key) => config.get(key), config.name);
const created = createPlatformDeployments(cfg);
const summary = summarize(cfg);

/** Per platform stack: branch, ESC environment, the Pulumi.<stack>.yaml import and the Entra federated credential to create. */
export const stacks = summary.stacks;
/** `sub` claim the Pulumi OIDC issuer policy accepts from the GitHub preview workflow. */
export const githubActionsOidcSubject = summary.githubActionsOidcSubject;
export const escEnvironmentRevisions = {
    staging: created.environments.staging.revision,
    prod: created.environments.prod.revision,
};
