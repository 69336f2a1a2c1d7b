// The version pins (pins.json) as typed values: the only place a version is written; stacks/ and components/
// read them from here.
import pinsJson from "./pins.json";

export interface ChartPin {
    chart: string;
    /** Exact chart version: a bump is a reviewed pull request, never a repository index's choice. */
    version: string;
    repo: string;
}

/** Every pin; `source` and `compatibleWith` on each entry say where it comes from and what moves with it. */
export const PINS = pinsJson;

export type ChartName = keyof typeof pinsJson.charts;

/** The Helm chart pins, by the name the components use. */
export const CHART_PINS: Record<ChartName, ChartPin> = Object.fromEntries(
    Object.entries(pinsJson.charts).map(([name, pin]) => [name, { chart: pin.chart, version: pin.version, repo: pin.repo }]),
) as Record<ChartName, ChartPin>;

/** The Kubernetes minor dev runs and Pod Security and the schema checks follow: the AKS default. */
export const KUBERNETES_MINOR = pinsJson.kubernetes.minor;

/** The kind release the node image is built for. */
export const KIND_RELEASE = pinsJson.kind.version;

/** The kind node image by tag and digest; the digest pins it against re-tagging. */
export const KIND_NODE_IMAGE = `${pinsJson.kindNodeImage.image}:${pinsJson.kindNodeImage.tag}@${pinsJson.kindNodeImage.digest}`;

/** The CRD upgrade job's unpacking image (kube-prometheus-stack), in the chart's registry/repository/tag form. */
export const CRD_UPGRADE_BUSYBOX = {
    registry: pinsJson.images.crdUpgradeBusybox.registry,
    repository: pinsJson.images.crdUpgradeBusybox.repository,
    tag: pinsJson.images.crdUpgradeBusybox.tag,
};

/** "1.36" from "1.36", "1.36.1", "v1.36.1" or an image reference tagged "v1.36.1"; undefined when there is none. */
export function minorOf(version: string): string | undefined {
    const tag = version.includes(":") ? (version.split("@")[0].split(":").pop() ?? "") : version;
    return /^v?(1\.\d+)(\.\d+)?([-+].*)?$/.exec(tag)?.[1];
}
