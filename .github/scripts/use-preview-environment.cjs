'use strict';
// Points a platform stack at its read-only preview ESC environment for a pull-request preview:
//
//   node .github/scripts/use-preview-environment.cjs <stack> <escProject>
//
// The committed Pulumi.<stack>.yaml imports the deploy environments (Azure write rights, app
// secrets). The preview's Pulumi token cannot open those, by design (deployments/README.md,
// "Threat model"), so the preview job replaces the stack file's `environment:` list with
// `<escProject>/<stack>-preview` in its own checkout. This is not what keeps prod safe (a pull
// request controls this script too); the token's permissions are.
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const STACKS = ['staging', 'prod'];
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

function previewEnvironmentRef(stack, escProject) {
  if (!STACKS.includes(stack)) {
    throw new Error(`stack = ${JSON.stringify(stack)} is invalid: expected one of ${STACKS.join(', ')} (the stacks with preview environments)`);
  }
  if (!NAME.test(escProject) || escProject === 'default') {
    throw new Error(`escProject = ${JSON.stringify(escProject)} is invalid: expected an ESC project name (letters, digits, - _ .), not "default"`);
  }
  return `${escProject}/${stack}-preview`;
}

/** Returns the stack file text with its environment imports replaced by the preview environment. */
function usePreviewEnvironment(text, stack, escProject) {
  const doc = YAML.parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`Pulumi.${stack}.yaml is not valid YAML: ${doc.errors[0].message}`);
  doc.set('environment', doc.createNode([previewEnvironmentRef(stack, escProject)]));
  return doc.toString();
}

function main(argv, cwd = process.cwd()) {
  const [stack, escProject] = argv;
  const file = path.join(cwd, `Pulumi.${stack}.yaml`);
  const ref = previewEnvironmentRef(stack, escProject);
  fs.writeFileSync(file, usePreviewEnvironment(fs.readFileSync(file, 'utf8'), stack, escProject));
  console.log(`Pulumi.${stack}.yaml: environment -> [${ref}] (read-only preview identity)`);
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    console.error(`::error::${err.message}`);
    process.exit(1);
  }
}

module.exports = { previewEnvironmentRef, usePreviewEnvironment, main };
