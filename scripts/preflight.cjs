// First step of `npm test`: refuses a Node older than 22 within a second, naming the version and how to get
// it, instead of failing a minute later inside a test runner. Written for old Node too (no newer syntax).
"use strict";

var REQUIRED_MAJOR = 22;

/** The refusal for a Node version string ("20.20.2"), or null when it is new enough. */
function nodeProblem(version) {
    var major = Number(String(version).replace(/^v/, "").split(".")[0]);
    if (major >= REQUIRED_MAJOR) return null;
    return [
        "This project needs Node " + REQUIRED_MAJOR + " (LTS); this is Node " + version + ".",
        "Get Node " + REQUIRED_MAJOR + " and run the command again:",
        "  nvm install && nvm use        # nvm reads .nvmrc",
        "  fnm use --install-if-missing  # fnm reads .node-version (so do asdf, mise and nodenv)",
        "  or download it from https://nodejs.org/en/download",
        "Or run `bash scripts/test.sh`, the README's test command: it installs Node " + REQUIRED_MAJOR + " into .tools/node22 by itself.",
    ].join("\n");
}

module.exports = { nodeProblem: nodeProblem, REQUIRED_MAJOR: REQUIRED_MAJOR };

if (require.main === module) {
    var problem = nodeProblem(process.versions.node);
    if (problem) {
        console.error(problem);
        process.exit(1);
    }
}
