// The look-ahead check: every version in use against its end of support. Pure, so the thresholds are unit-tested
// with fixed dates; the CI test and the weekly workflow feed it today's date.
import { CHART_SUPPORT, daysUntil, kubernetesEndOfLife, type Platform } from "./calendar";
import type { ChartName } from "./pinned";

/** Fewer days of support left than this fails the check: time to plan, test and roll an upgrade through staging. */
const FAIL_BELOW_DAYS = 60;
/** Fewer days left than this warns, so the upgrade is scheduled before the check fails. */
const WARN_BELOW_DAYS = 90;

/** A version the project runs or pins, and whose calendar applies. */
export type VersionInUse =
    | { what: string; kubernetesMinor: string; platform: Platform }
    | { what: string; chart: ChartName; appMinor: string };

interface SupportFinding {
    what: string;
    level: "ok" | "warn" | "fail";
    /** Last supported day, when the calendar has one. */
    lastDay?: string;
    daysLeft?: number;
    message: string;
}

function lookup(use: VersionInUse): { version: string; lastDay?: string; estimated: boolean; calendar: string } {
    if ("kubernetesMinor" in use) {
        const calendar = use.platform === "aks" ? "AKS community support" : "upstream support";
        return { version: `Kubernetes ${use.kubernetesMinor}`, lastDay: kubernetesEndOfLife(use.kubernetesMinor, use.platform), estimated: false, calendar };
    }
    const entry = CHART_SUPPORT[use.chart]?.minors.find((m) => m.minor === use.appMinor);
    return { version: `${use.chart} ${use.appMinor}`, lastDay: entry?.endOfSupport, estimated: entry?.estimated ?? false, calendar: "upstream support" };
}

/**
 * One finding per version in use. Fewer than 60 days left (or no entry in versions/support-calendar.json) fails;
 * fewer than 90 warns. A date the calendar marks `estimated` (derived from a release cadence, not published) only
 * warns: it says when to look, not that support has ended.
 */
export function supportFindings(uses: readonly VersionInUse[], today: Date): SupportFinding[] {
    return uses.map((use) => {
        const { version, lastDay, estimated, calendar } = lookup(use);
        if (lastDay === undefined) {
            return { what: use.what, level: "fail", message: `${use.what}: ${version} is not in versions/support-calendar.json; add its end-of-support date from its release page` };
        }
        const daysLeft = daysUntil(lastDay, today);
        const when = daysLeft < 0 ? `left ${calendar} on ${lastDay}` : `has ${daysLeft} day(s) of ${calendar} left (until ${lastDay}${estimated ? ", estimated" : ""})`;
        const level = daysLeft < FAIL_BELOW_DAYS ? (estimated ? "warn" : "fail") : daysLeft < WARN_BELOW_DAYS ? "warn" : "ok";
        const advice = level === "ok" ? "" : `; upgrade it (fails below ${FAIL_BELOW_DAYS} days, warns below ${WARN_BELOW_DAYS})`;
        return { what: use.what, level, lastDay, daysLeft, message: `${use.what}: ${version} ${when}${advice}` };
    });
}
