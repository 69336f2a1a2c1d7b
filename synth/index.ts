// The offline synth engine and its command-line plumbing, shared by `npm run synth`, `npm run render` and the
// tests. The CLIs themselves (cli.ts, bench.ts) are entry points, not part of this surface.
export { parseCliArgs, runCli } from "./cli-args";
/** @internal */
export { UsageError, UserError } from "./cli-args";
export { STACKS, discoverStacks, ROOT, plainStackConfig } from "./stack-files";
/** @internal */
export { offlineConfig, declaredConfig, readStackFile, StackFileError } from "./stack-files";
/** @internal */
export { dependencyNames, redactSecrets, revealSecrets, synthesize, type RecordedResource, type SynthResult, SynthError } from "./engine";
/** @internal */
export { SYNTH_DEPLOYER_OBJECT_ID, SYNTH_SUBSCRIPTION_ID, SYNTH_TENANT_ID, synthUuid, type SynthRunner } from "./mock-outputs";
/** @internal */
export { synthStack } from "./run";
/** @internal */
export { diffOutTrees, synthDiff } from "./diff";
/** @internal */
export { stackSecretsKeys } from "./esc";
/** @internal */
export { countsByType, resourceTree, summaryText } from "./summary";
/** @internal */
export { writeSynth, OFFLINE_BANNER } from "./write";
/** @internal */
export { previewNodeArgs } from "./preview-args";
