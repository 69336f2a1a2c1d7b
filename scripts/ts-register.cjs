// Runs the project's TypeScript in Node for the npm scripts (synth, render, bench:synth) and mocha, with a
// transpile cache: each .ts file is transpiled once (TypeScript's transpileModule, the same output as
// ts-node's transpile-only mode) and reused until its content, the compiler options or TypeScript change.
// On a warm cache TypeScript is never loaded, which is most of what ts-node costs per run (see README,
// "Offline synth"). Type checking is `npm run typecheck`'s job, as it is with ts-node transpile-only.
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const Module = require("node:module");
const path = require("node:path");

const ROOT = path.resolve(__dirname, "..");
const CACHE_DIR = process.env.PLATFORM_TS_CACHE_DIR || path.join(ROOT, "node_modules", ".cache", "platform-ts");
const TSCONFIG = path.join(ROOT, "tsconfig.json");
const rawOptions = JSON.parse(fs.readFileSync(TSCONFIG, "utf8")).compilerOptions;
const typescriptVersion = require("typescript/package.json").version;
const optionsKey = JSON.stringify([typescriptVersion, rawOptions]);

let compilerOptions; // resolved on the first cache miss, with TypeScript itself
function transpile(source, filename) {
    const ts = require("typescript");
    if (compilerOptions === undefined) {
        const { options, errors } = ts.convertCompilerOptionsFromJson(rawOptions, ROOT, TSCONFIG);
        if (errors.length > 0) throw new Error(`${TSCONFIG}: ${errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, "\n")).join("; ")}`);
        compilerOptions = { ...options, noEmit: false, inlineSourceMap: true, inlineSources: false, sourceMap: false, declaration: false };
    }
    return ts.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
}

function compiled(filename) {
    const source = fs.readFileSync(filename, "utf8");
    const key = crypto.createHash("sha256").update(optionsKey).update("\0").update(filename).update("\0").update(source).digest("hex");
    const cached = path.join(CACHE_DIR, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        const output = transpile(source, filename);
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        // Write then rename: parallel processes never read a half-written file.
        const temporary = `${cached}.${process.pid}.tmp`;
        fs.writeFileSync(temporary, output);
        fs.renameSync(temporary, cached);
        return output;
    }
}

// Each output carries an inline source map; Node reads them only with --enable-source-maps (mocha sets it),
// because turning that on also parses the source maps every dependency ships, which costs each run time.
Module._extensions[".ts"] = function loadTypeScript(module, filename) {
    if (filename.includes(`${path.sep}node_modules${path.sep}`)) throw new Error(`${filename}: TypeScript inside node_modules is not transpiled`);
    module._compile(compiled(filename), filename);
};
