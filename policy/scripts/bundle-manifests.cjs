'use strict';
// Copies the rendered GitOps manifests (<repo>/deploy/<stack>/*.yaml) into the pack (policy/deploy/), so a
// published pack judges what Argo CD applies from the commit it was published from. A published pack runs
// from its install folder under the Pulumi home, where there is no repository around it.
//
//   node scripts/bundle-manifests.cjs          bundle (npm `prepack`, and deployments/ before publishing)
//   node scripts/bundle-manifests.cjs --clean  remove the copy again (npm `postpack`)
//
// Argo CD reads each folder without recursion, and so does this: only the stack folders' own *.yaml files.
const fs = require('node:fs');
const path = require('node:path');

const PACK_DIR = path.resolve(__dirname, '..');
const REPO_DEPLOY = path.join(PACK_DIR, '..', 'deploy');
const BUNDLED = path.join(PACK_DIR, 'deploy');

/** Replaces policy/deploy with a copy of <repo>/deploy; returns the bundled files, relative to the pack. */
function bundleManifests(source = REPO_DEPLOY, target = BUNDLED) {
  if (!fs.existsSync(source)) throw new Error(`${source} does not exist: run \`npm run render\` in the repository first`);
  fs.rmSync(target, { recursive: true, force: true });
  const files = [];
  for (const stack of fs.readdirSync(source, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const manifests = fs.readdirSync(path.join(source, stack), { withFileTypes: true }).filter((e) => e.isFile() && /\.ya?ml$/.test(e.name)).map((e) => e.name).sort();
    if (manifests.length === 0) continue;
    fs.mkdirSync(path.join(target, stack), { recursive: true });
    for (const name of manifests) {
      fs.copyFileSync(path.join(source, stack, name), path.join(target, stack, name));
      files.push(`deploy/${stack}/${name}`);
    }
  }
  return files;
}

function cleanManifests(target = BUNDLED) {
  fs.rmSync(target, { recursive: true, force: true });
}

if (require.main === module) {
  try {
    if (process.argv.includes('--clean')) cleanManifests();
    else console.error(`bundled ${bundleManifests().length} manifests into policy/deploy/`);
  } catch (err) {
    console.error(`bundle-manifests: ${err.message}`);
    process.exit(1);
  }
}

module.exports = { bundleManifests, cleanManifests, BUNDLED };
