// Grafana's search API (GET /api/search?type=dash-db): did the dashboard sidecar load the app's dashboard?
import type { Problems } from "./types";

export interface SearchHit {
    uid: string;
    title: string;
    type: string;
    tags?: string[];
    url?: string;
}

export function checkDashboardLoaded(hits: SearchHit[], expected: { uid: string; title: string }): Problems {
    const hit = hits.find((h) => h.uid === expected.uid);
    if (hit === undefined) {
        const seen = hits.map((h) => `${h.uid} (${h.title})`).join(", ") || "none";
        return [`Grafana has no dashboard with uid ${expected.uid}; dashboards found: ${seen}`];
    }
    const problems: Problems = [];
    if (hit.type !== "dash-db") problems.push(`Grafana entry ${expected.uid} is a ${hit.type}, expected a dashboard (dash-db)`);
    if (hit.title !== expected.title) problems.push(`Grafana dashboard ${expected.uid} is titled "${hit.title}", expected "${expected.title}"`);
    return problems;
}
