// `npm run load -- --url <base> --duration <s> --connections <n> [--path /work]
//    [--max-p99-ms N] [--max-error-ratio R | --fail-rate F --margin M]`
//
// Sends load ONLY to the URL given (there is no default target), prints
// throughput, latency percentiles and error ratio, and exits 1 if a threshold
// is breached, 2 on bad arguments. Works against a local process or a
// port-forwarded cluster service alike.

import { parseArgs } from 'node:util';
import { formatSummary, runLoad, type LoadSummary } from './lib/load-runner';

const USAGE = `usage: npm run load -- --url <base-url> [--duration <s>=10] [--connections <n>=10] [--path </work>]
                     [--max-p99-ms <ms>] [--max-error-ratio <0..1> | --fail-rate <0..1> [--margin <0..1>=0.05]]
                     [--timeout <s>=10] [--json]`;

export interface Thresholds {
  maxP99Ms?: number;
  /** Error ratio above this fails the run. */
  maxErrorRatio?: number;
}

export interface Verdict {
  ok: boolean;
  failures: string[];
}

export function judge(summary: LoadSummary, t: Thresholds): Verdict {
  const failures: string[] = [];
  if (summary.responses === 0) failures.push('no responses received');
  if (t.maxP99Ms !== undefined && !(summary.latencyMs.p99 <= t.maxP99Ms)) {
    failures.push(`p99 latency ${summary.latencyMs.p99.toFixed(2)} ms > ${t.maxP99Ms} ms`);
  }
  if (t.maxErrorRatio !== undefined && summary.errorRatio > t.maxErrorRatio) {
    failures.push(`error ratio ${summary.errorRatio.toFixed(4)} > ${t.maxErrorRatio.toFixed(4)}`);
  }
  return { ok: failures.length === 0, failures };
}

class UsageError extends Error {}

function num(values: Record<string, string | boolean | undefined>, name: string, min: number, max: number): number | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name}=${JSON.stringify(raw)}: must be a number from ${min} to ${max}`);
  }
  return n;
}

export function parseLoadArgs(argv: string[]): {
  url: string; durationSec: number; connections: number; timeoutSec: number; thresholds: Thresholds; json: boolean;
} {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      url: { type: 'string' },
      duration: { type: 'string' },
      connections: { type: 'string' },
      path: { type: 'string' },
      'max-p99-ms': { type: 'string' },
      'max-error-ratio': { type: 'string' },
      'fail-rate': { type: 'string' },
      margin: { type: 'string' },
      timeout: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  if (!values.url) throw new UsageError('--url is required (load is only sent where you point it)');
  let base: URL;
  try {
    base = new URL(values.url);
  } catch {
    throw new UsageError(`--url=${JSON.stringify(values.url)}: not a valid URL`);
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new UsageError('--url must be http(s)');
  const path = values.path ?? '/work';
  if (!path.startsWith('/')) throw new UsageError('--path must start with /');
  const url = new URL(path, base).toString();

  const connections = num(values, 'connections', 1, 10_000) ?? 10;
  if (!Number.isInteger(connections)) throw new UsageError('--connections must be an integer');
  const thresholds: Thresholds = {};
  const maxP99Ms = num(values, 'max-p99-ms', 0, 3_600_000);
  if (maxP99Ms !== undefined) thresholds.maxP99Ms = maxP99Ms;
  const maxErrorRatio = num(values, 'max-error-ratio', 0, 1);
  const failRate = num(values, 'fail-rate', 0, 1);
  const margin = num(values, 'margin', 0, 1);
  if (maxErrorRatio !== undefined && (failRate !== undefined || margin !== undefined)) {
    throw new UsageError('use either --max-error-ratio or --fail-rate/--margin, not both');
  }
  if (margin !== undefined && failRate === undefined) throw new UsageError('--margin needs --fail-rate');
  if (maxErrorRatio !== undefined) thresholds.maxErrorRatio = maxErrorRatio;
  // The service fails FAIL_RATE of /work on purpose; only errors beyond that (plus noise) are a problem.
  if (failRate !== undefined) thresholds.maxErrorRatio = Math.min(1, failRate + (margin ?? 0.05));

  return {
    url,
    durationSec: num(values, 'duration', 0.1, 86_400) ?? 10,
    connections,
    timeoutSec: num(values, 'timeout', 0.1, 600) ?? 10,
    thresholds,
    json: values.json === true,
  };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parseLoadArgs>;
  try {
    args = parseLoadArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n${USAGE}\n`);
    return 2;
  }
  process.stdout.write(`load: ${args.url} for ${args.durationSec} s with ${args.connections} connections\n`);
  const summary = await runLoad({
    url: args.url, connections: args.connections, durationSec: args.durationSec, timeoutSec: args.timeoutSec,
  });
  const verdict = judge(summary, args.thresholds);
  process.stdout.write(`${formatSummary(summary)}\n`);
  const limits = [
    args.thresholds.maxP99Ms !== undefined ? `p99 <= ${args.thresholds.maxP99Ms} ms` : undefined,
    args.thresholds.maxErrorRatio !== undefined ? `error ratio <= ${args.thresholds.maxErrorRatio.toFixed(4)}` : undefined,
  ].filter(Boolean);
  process.stdout.write(`thresholds:  ${limits.length ? limits.join(', ') : 'none'}\n`);
  if (args.json) process.stdout.write(`${JSON.stringify({ summary, verdict })}\n`);
  if (!verdict.ok) {
    process.stdout.write(`FAIL: ${verdict.failures.join('; ')}\n`);
    return 1;
  }
  process.stdout.write('PASS\n');
  return 0;
}

if (require.main === module) {
  main().then((code) => process.exit(code), (err: unknown) => {
    process.stderr.write(`load failed: ${String(err)}\n`);
    process.exit(1);
  });
}
