// A small parser for the Prometheus text exposition format (version 0.0.4),
// enough for what prom-client emits: HELP/TYPE comments and samples with
// optional labels. prom-client itself cannot parse, and a dependency for this
// would be larger than the parser.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  type: string;
  help: string;
}

export interface Exposition {
  families: Map<string, Family>;
  samples: Sample[];
}

/** Like Prometheus (Go's ParseFloat), NaN/Inf are case-insensitive: prom-client
 *  writes "Nan" for the event-loop gauges before their first sample. */
function parseValue(text: string): number {
  const lower = text.toLowerCase();
  if (lower === '+inf' || lower === 'inf') return Infinity;
  if (lower === '-inf') return -Infinity;
  if (lower === 'nan') return NaN;
  const n = Number(text);
  if (Number.isNaN(n)) throw new Error(`bad sample value ${JSON.stringify(text)}`);
  return n;
}

/** Parse `{a="x",b="y\"z"}` starting at `start` (the '{'); returns labels and the index after '}'. */
function parseLabels(line: string, start: number): { labels: Record<string, string>; end: number } {
  const labels: Record<string, string> = {};
  let i = start + 1;
  while (i < line.length && line[i] !== '}') {
    const eq = line.indexOf('=', i);
    if (eq === -1 || line[eq + 1] !== '"') throw new Error(`bad labels in ${JSON.stringify(line)}`);
    const key = line.slice(i, eq).trim();
    let j = eq + 2;
    let value = '';
    while (j < line.length && line[j] !== '"') {
      if (line[j] === '\\') {
        const next = line[j + 1];
        value += next === 'n' ? '\n' : (next ?? '');
        j += 2;
      } else {
        value += line[j];
        j += 1;
      }
    }
    if (j >= line.length) throw new Error(`unterminated label value in ${JSON.stringify(line)}`);
    labels[key] = value;
    i = j + 1;
    if (line[i] === ',') i += 1;
  }
  if (line[i] !== '}') throw new Error(`unterminated labels in ${JSON.stringify(line)}`);
  return { labels, end: i + 1 };
}

export function parseExposition(text: string): Exposition {
  const families = new Map<string, Family>();
  const samples: Sample[] = [];
  const family = (name: string): Family => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', help: '' };
      families.set(name, f);
    }
    return f;
  };

  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+(\S+)\s?(.*)$/.exec(line);
      if (!m) continue; // other comments are allowed and ignored
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      if (kind === 'TYPE') family(name).type = rest.trim();
      else family(name).help = rest;
      continue;
    }
    const nameMatch = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line);
    if (!nameMatch) throw new Error(`bad sample line ${JSON.stringify(line)}`);
    const name = nameMatch[0];
    let rest = line.slice(name.length);
    let labels: Record<string, string> = {};
    if (rest.startsWith('{')) {
      const parsed = parseLabels(rest, 0);
      labels = parsed.labels;
      rest = rest.slice(parsed.end);
    }
    const valueText = rest.trim().split(/\s+/)[0] ?? '';
    samples.push({ name, labels, value: parseValue(valueText) });
  }
  return { families, samples };
}

/** Sorted family names (from HELP/TYPE lines), i.e. the metric names a service exports. */
export function familyNames(exposition: Exposition): string[] {
  return [...exposition.families.keys()].sort();
}

/**
 * Value of the one sample called `name` whose labels include `match`, or 0
 * when there is none (Prometheus counters that never fired are absent).
 * Throws if several samples match, since that means the query was ambiguous.
 */
export function sampleValue(exposition: Exposition, name: string, match: Record<string, string>): number {
  const hits = exposition.samples.filter(
    (s) => s.name === name && Object.entries(match).every(([k, v]) => s.labels[k] === v));
  if (hits.length > 1) throw new Error(`${hits.length} samples of ${name} match ${JSON.stringify(match)}`);
  return hits[0]?.value ?? 0;
}
