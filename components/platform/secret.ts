// Kubernetes Secrets that Pulumi creates next to a Helm release, so that a credential reaches the chart by
// reference (an existing Secret's name) and the release's values stay reviewable, with no secret inside.
import type * as pulumi from "@pulumi/pulumi";
import type { ISecret } from "kubernetes-models/v1/Secret";

export type PlatformSecret = Omit<ISecret, "stringData" | "metadata"> & {
    metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string> };
    stringData: Record<string, pulumi.Input<string>>;
};

/**
 * Plain Secret manifest; `stringData` values may be Outputs, so it is typed for Pulumi, not for kubectl.
 * `labels` replace the default `app.kubernetes.io/part-of: platform` (an add-on may select its Secrets by label).
 */
export function platformSecret(
    name: string,
    namespace: string,
    stringData: Record<string, pulumi.Input<string>>,
    metadata: { labels?: Record<string, string>; annotations?: Record<string, string> } = {},
): PlatformSecret {
    return {
        apiVersion: "v1",
        kind: "Secret",
        type: "Opaque",
        metadata: { name, namespace, labels: metadata.labels ?? { "app.kubernetes.io/part-of": "platform" }, ...(metadata.annotations ? { annotations: metadata.annotations } : {}) },
        stringData,
    };
}
