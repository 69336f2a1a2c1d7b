// `npm run synth -- [--stack <name>] [--diff <ref>]`: offline preview into out/<stack>/, or the diff of
// that preview between a git ref and the working tree.
import * as path from "node:path";
import { parseCliArgs, runCli } from "./cli-args";
import { synthDiff } from "./diff";
import { synthStack } from "./run";
import { ROOT, STACKS } from "./stack-files";
import { summaryText } from "./summary";
import { OFFLINE_BANNER, writeSynth } from "./write";

const USAGE = `usage: npm run synth -- [--stack <name>] [--diff <ref>] [--help]

Runs the program under Pulumi's mock runtime (no cloud, cluster or Pulumi CLI) and writes every resource it
would register to out/<stack>/, with a summary (counts by type, protected resources, the component tree).
  --stack <name>   one stack (${STACKS.join(", ")}); default: every stack
  --diff <ref>     synthesize the git ref <ref> and the working tree, print the unified diff of the two
                   out/ trees (writes nothing to out/); e.g. --diff main, --diff HEAD~1
  --help           this text
Stacks are the Pulumi.<stack>.yaml files of the project.`;

async function main(): Promise<void> {
    const args = parseCliArgs(process.argv.slice(2), STACKS, true);
    if (args.help) return void console.log(USAGE);
    if (args.diff !== undefined) {
        // Progress to stderr, so that stdout is the diff alone: `npm run -s synth -- --diff main > synth.diff`.
        const result = await synthDiff(args.diff, args.stacks.length === STACKS.length ? undefined : args.stacks, (line) => console.error(line));
        process.stdout.write(result.diff);
        console.error(result.diff === "" ? `synth --diff: no difference between ${args.diff} and the working tree` : `synth --diff: end of diff (${args.diff} -> working tree)`);
        return;
    }
    const outRoot = path.join(ROOT, "out");
    console.log(OFFLINE_BANNER);
    for (const stack of args.stacks) {
        const result = await synthStack(stack);
        const files = writeSynth(result, outRoot);
        console.log(`\n${summaryText(result)}`);
        console.log(`${stack}: ${result.resources.length - 1} resources -> ${path.relative(ROOT, path.join(outRoot, stack))}/ (${files.length} files, summary in summary.txt)`);
        for (const warning of result.warnings) console.log(`${stack}: WARNING ${warning}`);
    }
}

runCli(main, USAGE);
