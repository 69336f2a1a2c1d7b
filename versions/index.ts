// Version pins, their support calendar and the look-ahead check: the one place versions and support dates live.
export { PINS, CHART_PINS, KUBERNETES_MINOR, KIND_RELEASE, KIND_NODE_IMAGE, minorOf, type ChartPin, type ChartName } from "./pinned";
export { KUBERNETES_SUPPORT, CHART_SUPPORT, daysUntil, kubernetesEndOfLife, supportedMinors, aksChannelMinor, type Platform } from "./calendar";
export { supportFindings, FAIL_BELOW_DAYS, WARN_BELOW_DAYS, type SupportFinding, type VersionInUse } from "./support";
