/**
 * Server-side guardrails: the policy pack published to Pulumi Cloud and enforced on staging and
 * prod by a preventative PolicyGroup, and the drift schedules. Pure inputs; created by
 * create-governance.ts.
 */
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";
import { PolicyPackSource, policyPackSource } from "./policy-pack";

export interface PlainPolicyPackArgs {
    organization: string;
    name: string;
    versionTag: string;
    sourcePath: string;
}

/**
 * Publishes policy/ with the rendered manifests, as they are in the commit this program is applied from,
 * under a version derived from that content (policy-pack.ts): a change to the rules or the manifests is a new
 * version, so an immutable published version is never published twice.
 */
export function buildPolicyPackArgs(cfg: PlatformDeploymentsConfig, source: PolicyPackSource = policyPackSource()): PlainPolicyPackArgs {
    return { organization: cfg.pulumiOrg, name: source.name, versionTag: source.versionTag, sourcePath: source.sourcePath };
}

export interface PlainPolicyGroupArgs {
    organizationName: string;
    name: string;
    entityType: "stacks";
    mode: "preventative";
    stacks: Array<{ name: string; routingProject: string }>;
    policyPacks: Array<{ name: string; versionTag: string }>;
}

/**
 * Attaches the published pack to staging and prod in `preventative` mode: Pulumi Cloud sends it
 * to every `pulumi preview` and `pulumi up` of those stacks, whoever runs them and whatever the
 * pull request changed in policy/, and a mandatory violation stops the update. The pack's own
 * enforcement levels apply (no `config` override).
 */
export function buildPolicyGroupArgs(cfg: PlatformDeploymentsConfig, pack: { name: string; versionTag: string }): PlainPolicyGroupArgs {
    return {
        organizationName: cfg.pulumiOrg,
        name: `${cfg.platformProject}-guardrails`,
        entityType: "stacks",
        mode: "preventative",
        stacks: DEPLOYED_STACKS.map((stack) => ({ name: stack, routingProject: cfg.platformProject })),
        policyPacks: [{ name: pack.name, versionTag: pack.versionTag }],
    };
}

export interface PlainDriftScheduleArgs {
    organization: string;
    project: string;
    stack: string;
    scheduleCron: string;
    autoRemediate: boolean;
}

/**
 * Drift detection (a `pulumi refresh --preview-only` run by Pulumi Deployments with the stack's
 * deployment settings). Results appear in Pulumi Cloud: the stack's Deployments tab lists each
 * drift run, and a run that found drift is flagged "Drift detected" on the stack page.
 * - prod: every 6 hours, detect only. A change to prod goes through a reviewed merge into the
 *   prod branch; an automatic `pulumi up` would bypass that review.
 * - staging: daily, and remediated: staging follows main, so putting it back to what main
 *   declares is what push-to-deploy would do anyway.
 */
export const DRIFT: Record<DeployedStack, { scheduleCron: string; autoRemediate: boolean }> = {
    staging: { scheduleCron: "0 5 * * *", autoRemediate: true },
    prod: { scheduleCron: "0 */6 * * *", autoRemediate: false },
};

export function buildDriftScheduleArgs(cfg: PlatformDeploymentsConfig, stack: DeployedStack): PlainDriftScheduleArgs {
    return { organization: cfg.pulumiOrg, project: cfg.platformProject, stack, ...DRIFT[stack] };
}
