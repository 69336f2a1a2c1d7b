// Checks that look ahead: versions in use against their support calendar, and the live AKS offer against the
// stacks. The CLI (cli.ts) runs them in CI and in the weekly workflow.
export { versionsInUse, stackKubernetesMinor } from "./versions-in-use";
export { liveFindings, communityMinors, type AksVersionList } from "./aks-live";
