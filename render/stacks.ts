// The plain (secret-free) config of a committed stack, resolved the way the program resolves it, for
// rendering manifests without the Pulumi runtime. Rendering needs no secret, so secrets count as set.
import type { WorkloadObject } from "../components/app";
import { buildWorkload, workloadSpecFor } from "../components/app";
import { projectValues, resolveStackConfig } from "../stacks/resolve";
import type { PlainStackConfig } from "../stacks/schema";
import { readStackFile } from "../synth/stack-files";

export function plainStackConfig(stack: string, root?: string): PlainStackConfig {
    return resolveStackConfig({ stackName: stack, values: projectValues(readStackFile(stack, root)), secrets: { greeting: true, alertmanagerWebhookUrl: true } });
}

/** The workload Argo CD applies for a gitops stack, or undefined for a stack Pulumi delivers directly. */
export function gitopsWorkload(stack: string, root?: string): WorkloadObject[] | undefined {
    const config = plainStackConfig(stack, root);
    if (config.app.delivery !== "gitops") return undefined;
    return buildWorkload(workloadSpecFor({ stackName: stack, app: config.app }, config.cluster));
}
