// Runs a load test with autocannon and reduces it to the few numbers we judge
// on. Latency percentiles are computed here from every response's own timing
// (autocannon's histogram rounds to whole milliseconds, too coarse for a
// sub-millisecond /healthz).

import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; ignored when `amount` is set. */
  durationSec?: number;
  /** Stop after this many requests instead of after a duration. */
  amount?: number;
  /** Per-request timeout, seconds. */
  timeoutSec?: number;
}

export interface LoadSummary {
  url: string;
  connections: number;
  durationSec: number;
  /** Responses received (any status). */
  responses: number;
  /** Connection errors and timeouts (no response at all). */
  errors: number;
  non2xx: number;
  statusCounts: Record<string, number>;
  requestsPerSec: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** (non-2xx responses + errors) / (responses + errors); 1 when nothing was attempted. */
  errorRatio: number;
}

/** Nearest-rank percentile of an ascending-sorted array. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export function runLoad(options: LoadOptions): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    let latencies = new Float64Array(1 << 16);
    let n = 0;
    const opts = {
      url: options.url,
      connections: options.connections,
      timeout: options.timeoutSec ?? 10,
      ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.durationSec ?? 10 }),
    };
    const instance = autocannon(opts, (err, result) => {
      if (err) return reject(err);
      const sorted = latencies.subarray(0, n).sort();
      const responses = Object.values(result.statusCodeStats).reduce((a, s) => a + s.count, 0);
      const attempted = responses + result.errors;
      const statusCounts: Record<string, number> = {};
      for (const [code, s] of Object.entries(result.statusCodeStats)) statusCounts[code] = s.count;
      resolve({
        url: options.url,
        connections: options.connections,
        durationSec: result.duration,
        responses,
        errors: result.errors,
        non2xx: result.non2xx,
        statusCounts,
        requestsPerSec: result.duration > 0 ? responses / result.duration : 0,
        latencyMs: {
          p50: percentile(sorted, 50),
          p90: percentile(sorted, 90),
          p99: percentile(sorted, 99),
          max: n > 0 ? (sorted[n - 1] as number) : NaN,
        },
        errorRatio: attempted === 0 ? 1 : (result.non2xx + result.errors) / attempted,
      });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (n === latencies.length) {
        const bigger = new Float64Array(latencies.length * 2);
        bigger.set(latencies);
        latencies = bigger;
      }
      latencies[n++] = responseTime;
    });
  });
}

export function formatSummary(s: LoadSummary): string {
  const f = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
  const codes = Object.entries(s.statusCounts).map(([c, k]) => `${c}=${k}`).join(' ') || 'none';
  return [
    `target:      ${s.url} (${s.connections} connections, ${s.durationSec.toFixed(1)} s)`,
    `throughput:  ${s.requestsPerSec.toFixed(1)} req/s (${s.responses} responses, ${s.errors} connection errors/timeouts)`,
    `latency ms:  p50=${f(s.latencyMs.p50)} p90=${f(s.latencyMs.p90)} p99=${f(s.latencyMs.p99)} max=${f(s.latencyMs.max)}`,
    `status:      ${codes}`,
    `error ratio: ${(s.errorRatio * 100).toFixed(2)}% (non-2xx + errors)`,
  ].join('\n');
}
