// Writing each gitops stack's workload to deploy/<stack>/ (the CLI is cli.ts).
/** @internal */
export { gitopsWorkload } from "./stacks";
/** @internal */
export { renderStacks } from "./render";
/** @internal */
export { setStackImage } from "./promote-image";
