// `npm run render -- [--stack <name>]`: writes the gitops workload of each stack to deploy/<stack>/ from the
// same builders the app component uses. Stacks are the Pulumi.<stack>.yaml files of the project.
import { parseCliArgs, runCli } from "../synth";
import { STACKS } from "../synth";
import { renderStacks } from "./render";

const USAGE = `usage: npm run render -- [--stack <name>] [--help]

Writes the workload of every gitops stack (or only --stack) to deploy/<stack>/; commit the result.
  --stack <name>   one stack (${STACKS.join(", ")})
  --help           this text`;

runCli(() => {
    const args = parseCliArgs(process.argv.slice(2), STACKS, false);
    if (args.help) return void console.log(USAGE);
    for (const line of renderStacks(undefined, args.stacks)) console.log(line);
}, USAGE);
