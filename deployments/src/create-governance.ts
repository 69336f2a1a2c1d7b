/** Creates the published policy pack, its preventative policy group and the drift schedules (governance.ts). */
import * as pulumiservice from "@pulumi/pulumiservice";
import { DEPLOYED_STACKS, DeployedStack, PlatformDeploymentsConfig } from "./config";
import { buildDriftScheduleArgs, buildPolicyGroupArgs, buildPolicyPackArgs } from "./governance";

export interface Governance {
    policyPack: pulumiservice.PolicyPack;
    policyGroup: pulumiservice.PolicyGroup;
    driftSchedules: Record<DeployedStack, pulumiservice.DriftSchedule>;
}

/** `deploymentSettings`: drift runs use the stack's deployment settings, so they must exist first. */
export function createGovernance(cfg: PlatformDeploymentsConfig, deploymentSettings: Record<DeployedStack, pulumiservice.DeploymentSettings>): Governance {
    const policyPack = new pulumiservice.PolicyPack("policy-pack", buildPolicyPackArgs(cfg));
    const policyGroup = new pulumiservice.PolicyGroup(
        "policy-group",
        // The group names the version the pack resource published, so it never points at a version not yet uploaded.
        { ...buildPolicyGroupArgs(cfg, buildPolicyPackArgs(cfg)), policyPacks: [{ name: policyPack.name, versionTag: policyPack.versionTag }] },
    );
    const driftSchedules = {} as Governance["driftSchedules"];
    for (const stack of DEPLOYED_STACKS) {
        driftSchedules[stack] = new pulumiservice.DriftSchedule(`drift-${stack}`, buildDriftScheduleArgs(cfg, stack), {
            dependsOn: [deploymentSettings[stack]],
        });
    }
    return { policyPack, policyGroup, driftSchedules };
}
