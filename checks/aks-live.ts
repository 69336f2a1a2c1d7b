// What the weekly live check compares: the region's AKS versions (`az aks get-versions -o json`, read with the
// read-only preview identity) against the minors the stacks would run and the calendar's model of the channels.
import type { PlainStackConfig } from "../stacks";
import { KUBERNETES_SUPPORT, PINS, aksChannelMinor } from "../versions";
import { stackKubernetesMinor } from "./versions-in-use";

/** The parts of `az aks get-versions` (Managed Clusters - List Kubernetes Versions) this check reads. */
export interface AksVersionList {
    values: Array<{ version: string; isDefault?: boolean; isPreview?: boolean; capabilities?: { supportPlan?: string[] } }>;
}

interface LiveFinding {
    level: "ok" | "warn" | "fail";
    message: string;
}

/** Minors the region offers under community support (plan KubernetesOfficial, not preview). */
export function communityMinors(list: AksVersionList): string[] {
    return list.values
        .filter((v) => v.isPreview !== true && (v.capabilities?.supportPlan ?? ["KubernetesOfficial"]).includes("KubernetesOfficial"))
        .map((v) => v.version)
        .sort((a, b) => Number(a.split(".")[1]) - Number(b.split(".")[1]));
}

export function liveFindings(list: AksVersionList, stacks: Record<string, PlainStackConfig>, today: Date): LiveFinding[] {
    const offered = communityMinors(list);
    const findings: LiveFinding[] = [];
    for (const [stack, config] of Object.entries(stacks)) {
        if (config.cluster.kind !== "aks") continue;
        const minor = stackKubernetesMinor(config.cluster, today);
        findings.push(
            minor !== undefined && offered.includes(minor)
                ? { level: "ok", message: `stack ${stack}: Kubernetes ${minor} is offered under community support (${offered.join(", ")})` }
                : { level: "fail", message: `stack ${stack}: Kubernetes ${minor ?? "(unknown)"} is not offered under community support in this region (offered: ${offered.join(", ")}); a new cluster would fail with K8sVersionNotSupported` },
        );
    }
    const newest = offered.at(-1);
    if (newest !== undefined && newest !== aksChannelMinor("rapid", today)) {
        findings.push({ level: "warn", message: `the region's newest minor is ${newest}, versions/support-calendar.json models ${aksChannelMinor("rapid", today) ?? "none"}: add or correct its AKS dates` });
    }
    const unknown = offered.filter((minor) => !KUBERNETES_SUPPORT.some((entry) => entry.minor === minor));
    if (unknown.length > 0) findings.push({ level: "warn", message: `versions/support-calendar.json lacks ${unknown.join(", ")}: add its end-of-life dates` });
    const defaultMinor = list.values.find((v) => v.isDefault === true)?.version;
    if (defaultMinor !== undefined && defaultMinor !== PINS.kubernetes.minor) {
        findings.push({ level: "warn", message: `AKS now creates ${defaultMinor} by default, dev runs ${PINS.kubernetes.minor}: move versions/pins.json kubernetes.minor, the kind node image and kubectl to it` });
    }
    return findings;
}
