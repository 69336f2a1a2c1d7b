// When each Kubernetes minor and chart application leaves support (support-calendar.json), and the pure questions
// the config check and the look-ahead check ask of it.
import calendarJson from "./support-calendar.json";
import type { ChartName } from "./pinned";

/** Where a minor runs decides whose support dates count: AKS's (a managed cluster) or upstream's (kind). */
export type Platform = "aks" | "upstream";

export interface KubernetesSupport {
    minor: string;
    /** Last day upstream patches the minor. */
    upstreamEndOfLife: string;
    /** Month (YYYY-MM) AKS made the minor generally available. */
    aksGa: string;
    /** Last day of AKS community support (after it: Long-Term Support only, Premium tier). */
    aksEndOfLife: string;
}

export const KUBERNETES_SUPPORT: readonly KubernetesSupport[] = calendarJson.kubernetes.minors;

export interface ChartSupport {
    minor: string;
    endOfSupport: string;
    /** True when the date follows from a published cadence rather than a published date. */
    estimated: boolean;
    basis?: string;
}

/** Support windows of the charts' applications, where upstream publishes one (Argo CD). */
export const CHART_SUPPORT: Partial<Record<ChartName, { policy: string; source: string; minors: readonly ChartSupport[] }>> = calendarJson.charts;

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** Whole days from `today` to the end of `lastDay` (0 on the last day, negative after it). */
export function daysUntil(lastDay: string, today: Date): number {
    const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
    return Math.round((day(lastDay).getTime() - midnight) / 86_400_000);
}

/** The last supported day of a Kubernetes minor on a platform; undefined when the calendar does not list it. */
export function kubernetesEndOfLife(minor: string, platform: Platform): string | undefined {
    const entry = KUBERNETES_SUPPORT.find((e) => e.minor === minor);
    return entry === undefined ? undefined : platform === "aks" ? entry.aksEndOfLife : entry.upstreamEndOfLife;
}

/** Minors in community support on `today` (AKS: generally available and before its end of life), oldest first. */
export function supportedMinors(platform: Platform, today: Date): string[] {
    const month = today.toISOString().slice(0, 7);
    return KUBERNETES_SUPPORT.filter((e) => (platform === "upstream" || e.aksGa <= month) && daysUntil(platform === "aks" ? e.aksEndOfLife : e.upstreamEndOfLife, today) >= 0).map(
        (e) => e.minor,
    );
}

/**
 * The minor an AKS upgrade channel puts a cluster on: `rapid` the newest generally available minor (N), every
 * other channel without a pinned version the N-1 minor AKS creates by default (`stable` follows N-1 too).
 */
export function aksChannelMinor(channel: string, today: Date): string | undefined {
    const available = supportedMinors("aks", today);
    return channel === "rapid" ? available.at(-1) : available.at(-2);
}
