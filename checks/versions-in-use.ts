// Every version the project runs or pins whose support can run out: each stack's Kubernetes minor (pinned, or
// the one its AKS upgrade channel puts it on), the pinned dev/tooling minors, and chart applications with a
// published support window.
import type { PlainStackConfig } from "../stacks";
import { PINS, aksChannelMinor, minorOf, type VersionInUse } from "../versions";

/** The Kubernetes minor a stack's cluster runs on `today`: a kind node image's, a pinned one, or its channel's. */
export function stackKubernetesMinor(cluster: PlainStackConfig["cluster"], today: Date): string | undefined {
    if (cluster.kind === "kind") return minorOf(cluster.nodeImage);
    return cluster.kubernetesVersion !== undefined ? minorOf(cluster.kubernetesVersion) : aksChannelMinor(cluster.upgradeChannel, today);
}

export function versionsInUse(stacks: Record<string, PlainStackConfig>, today: Date): VersionInUse[] {
    const uses: VersionInUse[] = Object.entries(stacks).map(([stack, config]) => {
        const minor = stackKubernetesMinor(config.cluster, today) ?? "(unknown)";
        const how = config.cluster.kind === "kind" ? "kind node image" : config.cluster.kubernetesVersion !== undefined ? "pinned" : `${config.cluster.upgradeChannel} channel`;
        return { what: `stack ${stack} (${how})`, kubernetesMinor: minor, platform: config.cluster.kind === "aks" ? "aks" : "upstream" };
    });
    const pinnedMinors: Array<[string, string]> = [
        ["versions/pins.json kubernetes.minor", PINS.kubernetes.minor],
        ["versions/pins.json kubectl", minorOf(PINS.kubectl.version) ?? PINS.kubectl.version],
        ["versions/pins.json kubernetesModels (schema checks)", PINS.kubernetesModels.kubernetesMinor],
    ];
    uses.push(...pinnedMinors.map(([what, minor]): VersionInUse => ({ what, kubernetesMinor: minor, platform: "upstream" })));
    uses.push({ what: "versions/pins.json charts.argocd", chart: "argocd", appMinor: PINS.charts.argocd.appMinor });
    return uses;
}
