// The promotion path of the app image: names a published image by digest in a stack file.
//   npm run promote-image -- --stack staging --image ghcr.io/<owner>/<repo>/app:<tag>@sha256:<digest>
// app-image.yml prints the digest it pushed. Then `npm run render` writes deploy/<stack>/, and the change goes
// through a reviewed pull request like any other (into main for staging; prod follows by the promotion PR).
import * as fs from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";

const STACKS = ["staging", "prod"];
const BY_DIGEST = /^[a-z0-9.\-/:_]+(:[\w][\w.-]{0,127})?@sha256:[a-f0-9]{64}$/;

/** The stack file text with `platform:app.image` set to `image`; comments and everything else are kept. */
export function setStackImage(text: string, stack: string, image: string): string {
    if (!STACKS.includes(stack)) throw new Error(`--stack = ${JSON.stringify(stack)} is invalid: expected one of ${STACKS.join(", ")} (the stacks that run the registry image)`);
    if (!BY_DIGEST.test(image)) throw new Error(`--image = ${JSON.stringify(image)} is invalid: expected an image named by digest, registry/name:tag@sha256:<64 hex> (app-image.yml prints it)`);
    const doc = parseDocument(text);
    if (doc.errors.length > 0) throw new Error(`Pulumi.${stack}.yaml is not valid YAML: ${doc.errors[0].message}`);
    doc.setIn(["config", "platform:app", "image"], image);
    return doc.toString();
}

function main(argv: string[]): void {
    const value = (flag: string) => {
        const index = argv.indexOf(flag);
        return index >= 0 ? argv[index + 1] : undefined;
    };
    const stack = value("--stack") ?? "";
    const image = value("--image") ?? "";
    const file = path.join(__dirname, "..", `Pulumi.${stack}.yaml`);
    const updated = setStackImage(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "", stack, image);
    fs.writeFileSync(file, updated);
    console.log(`Pulumi.${stack}.yaml: app.image = ${image}; now run \`npm run render\` and open a pull request.`);
}

if (require.main === module) {
    try {
        main(process.argv.slice(2));
    } catch (error) {
        console.error((error as Error).message);
        process.exit(1);
    }
}
