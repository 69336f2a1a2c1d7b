// `npm run versions:check [-- --today YYYY-MM-DD] [--aks-versions <az aks get-versions -o json file>] [--report <file.md>]`
// (`-- --aks-location` prints the AKS stacks' region instead.)
// Prints one line per version in use with its support left, as GitHub annotations inside Actions; exits 1 when
// anything has fewer than 60 days left (or the live AKS offer no longer has a stack's minor).
import * as fs from "node:fs";
import type { PlainStackConfig } from "../stacks";
import { STACKS, plainStackConfig } from "../synth";
import { supportFindings } from "../versions";
import { liveFindings, versionsInUse, type AksVersionList } from "./index";

function option(name: string): string | undefined {
    const at = process.argv.indexOf(name);
    return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The one Azure region of the AKS stacks, for `az aks get-versions --location`. */
function aksLocation(stacks: Record<string, PlainStackConfig>): string {
    const locations = [...new Set(Object.values(stacks).flatMap((config) => (config.cluster.kind === "aks" ? [config.cluster.location] : [])))];
    if (locations.length !== 1) throw new Error(`--aks-location: the AKS stacks use ${locations.length} regions (${locations.join(", ")}); this check compares one region's versions`);
    return locations[0];
}

function main(): number {
    const todayArg = option("--today");
    if (todayArg !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(todayArg)) throw new Error(`--today = ${JSON.stringify(todayArg)}: must be a date such as 2026-12-04`);
    const today = todayArg === undefined ? new Date() : new Date(`${todayArg}T00:00:00Z`);
    const stacks: Record<string, PlainStackConfig> = Object.fromEntries(STACKS.map((stack) => [stack, plainStackConfig(stack)]));
    if (process.argv.includes("--aks-location")) {
        console.log(aksLocation(stacks));
        return 0;
    }
    const findings: Array<{ level: "ok" | "warn" | "fail"; message: string }> = supportFindings(versionsInUse(stacks, today), today);
    const live = option("--aks-versions");
    if (live !== undefined) findings.push(...liveFindings(JSON.parse(fs.readFileSync(live, "utf8")) as AksVersionList, stacks, today));
    const inActions = process.env.GITHUB_ACTIONS === "true";
    for (const f of findings) {
        const prefix = inActions ? { ok: "", warn: "::warning::", fail: "::error::" }[f.level] : `${f.level.padEnd(4)} `;
        console.log(`${prefix}${f.message}`);
    }
    const report = option("--report");
    if (report !== undefined) {
        const rows = findings.filter((f) => f.level !== "ok").map((f) => `- **${f.level}**: ${f.message}`);
        fs.writeFileSync(report, [`Version support check on ${today.toISOString().slice(0, 10)}:`, "", ...(rows.length > 0 ? rows : ["- everything has 90 days or more"]), ""].join("\n"));
    }
    return findings.some((f) => f.level === "fail") ? 1 : 0;
}

process.exitCode = main();
