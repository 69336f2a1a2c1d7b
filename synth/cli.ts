// `npm run synth -- --stack <name>` (or no flag for every stack): offline preview into out/<stack>/.
import * as path from "node:path";
import { synthStack } from "./run";
import { ROOT, STACKS } from "./stack-files";
import { OFFLINE_BANNER, writeSynth } from "./write";

function stacksFromArgs(argv: string[]): string[] {
    const index = argv.indexOf("--stack");
    if (index === -1) return [...STACKS];
    const stack = argv[index + 1];
    if (!stack) throw new Error(`--stack needs a stack name: ${STACKS.join(", ")}`);
    return [stack];
}

async function main(): Promise<void> {
    const outRoot = path.join(ROOT, "out");
    console.log(OFFLINE_BANNER);
    for (const stack of stacksFromArgs(process.argv.slice(2))) {
        const result = await synthStack(stack);
        const files = writeSynth(result, outRoot);
        console.log(`${stack}: ${result.resources.length - 1} resources -> ${path.relative(ROOT, path.join(outRoot, stack))}/ (${files.length} files)`);
        for (const warning of result.warnings) console.log(`${stack}: WARNING ${warning}`);
    }
}

main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
});
