/** Creates the published policy pack, its preventative policy group and the drift schedules (governance.ts). */
import * as path from "node:path";
import * as pulumiservice from "@pulumi/pulumiservice";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";
import { buildDriftScheduleArgs, buildPolicyGroupArgs, buildPolicyPackArgs } from "./governance";
import { stagePolicyPack } from "./policy-pack";

export interface Governance {
    policyPack: pulumiservice.PolicyPack;
    policyGroup: pulumiservice.PolicyGroup;
    driftSchedules: Record<DeployedStack, pulumiservice.DriftSchedule>;
}

/** `deploymentSettings`: drift runs use the stack's deployment settings, so they must exist first. */
export function createGovernance(cfg: PlatformDeploymentsConfig, deploymentSettings: Record<DeployedStack, pulumiservice.DeploymentSettings>): Governance {
    const packArgs = buildPolicyPackArgs(cfg);
    // The folder the provider uploads: the pack's files and this commit's deploy/ (policy-pack.ts).
    stagePolicyPack(path.resolve(__dirname, "..", packArgs.sourcePath));
    // Each content is its own version; keeping replaced versions on delete leaves the ones a group may still
    // name (and the history) in Pulumi Cloud instead of deleting a version on every change.
    const policyPack = new pulumiservice.PolicyPack("policy-pack", packArgs, { retainOnDelete: true });
    const policyGroup = new pulumiservice.PolicyGroup(
        "policy-group",
        // The group names the version the pack resource published, so it never points at a version not yet uploaded.
        { ...buildPolicyGroupArgs(cfg, packArgs), policyPacks: [{ name: policyPack.name, versionTag: policyPack.versionTag }] },
    );
    const driftSchedules = {} as Governance["driftSchedules"];
    for (const stack of DEPLOYED_STACKS) {
        driftSchedules[stack] = new pulumiservice.DriftSchedule(`drift-${stack}`, buildDriftScheduleArgs(cfg, stack), {
            dependsOn: [deploymentSettings[stack]],
        });
    }
    return { policyPack, policyGroup, driftSchedules };
}
