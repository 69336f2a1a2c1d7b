// Version pins, their support calendar and the look-ahead check: the one place versions and support dates live.
export { PINS, CHART_PINS, KUBERNETES_MINOR, KIND_RELEASE, KIND_NODE_IMAGE, CRD_UPGRADE_BUSYBOX, minorOf, type ChartPin } from "./pinned";
export { KUBERNETES_SUPPORT, daysUntil, kubernetesEndOfLife, supportedMinors, aksChannelMinor, type Platform } from "./calendar";
export { supportFindings, type VersionInUse } from "./support";
