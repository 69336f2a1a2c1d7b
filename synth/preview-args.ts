// How the Pulumi CLI starts this program, from Pulumi.yaml: the benchmark times that path, and a test keeps it on
// the transpile cache.
import { parse } from "yaml";

/**
 * The node arguments the Pulumi CLI's nodejs language host starts the program with, from Pulumi.yaml's runtime
 * options: `nodeargs` (split on spaces, as the language host does), and ts-node's register when `typescript` is
 * true (the host then registers ts-node before loading the program; tsconfig.json makes it transpile-only).
 */
export function previewNodeArgs(pulumiYaml: string): string[] {
    const runtime = (parse(pulumiYaml) as { runtime: { options?: { typescript?: boolean; nodeargs?: string } } }).runtime;
    const options = runtime.options ?? {};
    const nodeargs = (options.nodeargs ?? "").split(/\s+/).filter((arg) => arg !== "");
    // The CLI's default is typescript: true.
    return options.typescript === false ? nodeargs : [...nodeargs, "--require", "ts-node/register/transpile-only"];
}
