// The workload of a committed stack, built from its plain (secret-free) config without the Pulumi runtime.
import type { WorkloadObject } from "../components/app";
import { buildWorkload, workloadSpecFor } from "../components/app";
import { plainStackConfig } from "../synth";

/** The workload Argo CD applies for a gitops stack, or undefined for a stack Pulumi delivers directly. */
export function gitopsWorkload(stack: string, root?: string): WorkloadObject[] | undefined {
    const config = plainStackConfig(stack, root);
    if (config.app.delivery !== "gitops") return undefined;
    return buildWorkload(workloadSpecFor({ stackName: stack, app: config.app, monitoring: config.monitoring }, config.cluster));
}
