// Just enough PromQL reading for tests: the metric names an expression selects.

const NOT_METRICS = new Set(["and", "or", "unless", "bool", "offset", "by", "without", "on", "ignoring", "group_left", "group_right", "inf", "nan"]);

export function metricNamesIn(expr: string): string[] {
    const stripped = expr
        .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values and other strings
        .replace(/\{[^}]*\}/g, "") // label matchers
        .replace(/\[[^\]]*\]/g, "") // range selectors
        .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ""); // label lists
    const names = new Set<string>();
    for (const match of stripped.matchAll(/(?<![\w.:])[A-Za-z_:][\w:]*/g)) {
        const rest = stripped.slice((match.index ?? 0) + match[0].length).trimStart();
        if (rest.startsWith("(") || NOT_METRICS.has(match[0].toLowerCase())) continue; // functions and keywords
        names.add(match[0]);
    }
    return [...names].sort();
}

/** A histogram family exposes <name>_bucket, <name>_sum and <name>_count series. */
export function seriesNamesOf(families: Record<string, string>): Set<string> {
    const names = new Set<string>();
    for (const [family, type] of Object.entries(families)) {
        names.add(family);
        if (type === "histogram" || type === "summary") for (const suffix of ["_bucket", "_sum", "_count"]) names.add(family + suffix);
    }
    return names;
}

/** `# TYPE name type` lines of a Prometheus text exposition. */
export function familiesOf(exposition: string): Record<string, string> {
    const families: Record<string, string> = {};
    for (const match of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) families[match[1]] = match[2];
    return families;
}
