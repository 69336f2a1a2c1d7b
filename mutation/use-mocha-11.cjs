// Loaded (NODE_OPTIONS --require) into Stryker and the processes it starts, by scripts/mutation.sh only. Stryker's mocha runner resolves `mocha`
// from the working directory, where the root package's Mocha 12 lives, and cannot load Mocha 12 yet
// (stryker-js#6205); here `mocha` and `mocha/...` resolve to mutation/'s Mocha 11 instead. The tests do not
// import mocha themselves (they use its globals), so nothing else changes.
"use strict";
const Module = require("node:module");

const MOCHA_DIR = process.env.STRYKER_MOCHA_DIR;
if (!MOCHA_DIR) throw new Error("STRYKER_MOCHA_DIR is not set: run mutation testing with `npm run test:mutation`");

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
    const mocha = request === "mocha" || request.startsWith("mocha/") ? MOCHA_DIR + request.slice("mocha".length) : request;
    return resolveFilename.call(this, mocha, ...rest);
};
