// Mutation score per module from Stryker's JSON report (mutation-testing-report-schema), as a Markdown table:
//   node scripts/mutation-scores.cjs reports/mutation/mutation.json
// A module is a file's folder (stacks/, components/app/workload/, policy/rules/...). The score is Stryker's:
// detected (killed or timed out) over valid mutants; mutants that do not compile are not counted.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const DETECTED = new Set(["Killed", "Timeout"]);
const UNDETECTED = new Set(["Survived", "NoCoverage"]);

function scores(report) {
    const modules = new Map();
    for (const [file, { mutants }] of Object.entries(report.files)) {
        const module = `${path.posix.dirname(file.split(path.sep).join("/"))}/`;
        const counts = modules.get(module) ?? { detected: 0, survived: 0, noCoverage: 0 };
        for (const { status } of mutants) {
            if (DETECTED.has(status)) counts.detected++;
            else if (status === "Survived") counts.survived++;
            else if (UNDETECTED.has(status)) counts.noCoverage++;
        }
        modules.set(module, counts);
    }
    return [...modules].sort(([a], [b]) => a.localeCompare(b));
}

function table(report) {
    const rows = scores(report).map(([module, c]) => {
        const valid = c.detected + c.survived + c.noCoverage;
        const score = valid === 0 ? "n/a" : `${((100 * c.detected) / valid).toFixed(1)} %`;
        return `| \`${module}\` | ${score} | ${c.detected} | ${c.survived} | ${c.noCoverage} |`;
    });
    return ["| Module | Mutation score | Killed or timed out | Survived | Not covered |", "|---|---|---|---|---|", ...rows].join("\n");
}

const file = process.argv[2];
if (!file) {
    console.error("usage: node scripts/mutation-scores.cjs <stryker mutation.json>");
    process.exit(2);
}
console.log(table(JSON.parse(fs.readFileSync(file, "utf8"))));
