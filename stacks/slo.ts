// The SLO policy every stack's targets are checked against, and the alert rules are built from: the burn-rate
// windows (Google SRE workbook, "Alerting on SLOs", multiwindow multi-burn-rate) and the latency buckets the
// service measures with. Kept here, beside validation, so config can refuse a target no alert could serve.
import { DURATION_BUCKETS_SECONDS } from "../app/src/latency-buckets";

/** The SLO's compliance period; burn rate 1 spends exactly the whole budget in this time. */
export const SLO_PERIOD_DAYS = 30;

export interface BurnRateWindow {
    severity: "page" | "ticket";
    burnRate: number;
    long: string;
    short: string;
}

/** Page on 2% of the 30-day budget spent in 1 h or 5% in 6 h; ticket on 10% in 1 d or 10% in 3 d. */
export const BURN_RATE_WINDOWS: readonly BurnRateWindow[] = [
    { severity: "page", burnRate: 14.4, long: "1h", short: "5m" },
    { severity: "page", burnRate: 6, long: "6h", short: "30m" },
    { severity: "ticket", burnRate: 3, long: "1d", short: "2h" },
    { severity: "ticket", burnRate: 1, long: "3d", short: "6h" },
];

/**
 * The lowest target at which the fastest page can fire at all: the burn threshold is burnRate × (1 − target),
 * and an error ratio cannot exceed 1, so below 1 − 1/14.4 ≈ 0.9306 even a total outage never pages.
 */
export const MIN_SLO_TARGET = 1 - 1 / Math.max(...BURN_RATE_WINDOWS.map((w) => w.burnRate));

/** Latency targets the histogram can measure exactly: its bucket boundaries, in milliseconds. */
export const LATENCY_TARGETS_MS: readonly number[] = DURATION_BUCKETS_SECONDS.map((seconds) => Math.round(seconds * 1e6) / 1e3);
