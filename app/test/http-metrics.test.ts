// The hand-rolled per-request metrics must expose exactly what prom-client's
// own Counter and Histogram would for the same observations.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Counter, Histogram, Registry } from 'prom-client';
import { HttpRequestMetrics } from '../src/http-metrics';
import { HTTP_DURATION_HELP, HTTP_REQUESTS_HELP } from '../src/metrics';
import { DURATION_BUCKETS_SECONDS as DURATION_BUCKETS } from '../src/latency-buckets';
import { HTTP_REQUESTS_TOTAL, HTTP_REQUEST_DURATION_SECONDS } from '../src/metric-names';

function pair(): { ours: Registry; reference: Registry; observe: (m: string, r: string, c: number, s: number) => void } {
  const ours = new Registry();
  const fast = new HttpRequestMetrics({
    counterName: HTTP_REQUESTS_TOTAL, counterHelp: HTTP_REQUESTS_HELP,
    histogramName: HTTP_REQUEST_DURATION_SECONDS, histogramHelp: HTTP_DURATION_HELP, buckets: DURATION_BUCKETS,
  });
  fast.registerIn(ours);

  const reference = new Registry();
  const labelNames = ['method', 'route', 'code'];
  const counter = new Counter({ name: HTTP_REQUESTS_TOTAL, help: HTTP_REQUESTS_HELP, labelNames, registers: [reference] });
  const histogram = new Histogram({
    name: HTTP_REQUEST_DURATION_SECONDS, help: HTTP_DURATION_HELP, labelNames, buckets: [...DURATION_BUCKETS], registers: [reference],
  });
  return {
    ours,
    reference,
    observe(method, route, code, seconds) {
      fast.observe(method, route, code, seconds);
      const labels = { method, route, code: String(code) };
      counter.inc(labels);
      histogram.observe(labels, seconds);
    },
  };
}

describe('HttpRequestMetrics', () => {
  it('renders exactly like prom-client Counter + Histogram for the same observations', async () => {
    const { ours, reference, observe } = pair();
    assert.equal(await ours.metrics(), await reference.metrics(), 'differs before any observation');
    // Deterministic pseudo-random observations across series and all buckets,
    // including exact bucket bounds, zero and values beyond the last bucket.
    let seed = 42;
    const rand = (): number => { seed = (seed * 1103515245 + 12345) % 2 ** 31; return seed / 2 ** 31; };
    const series: [string, string, number][] = [
      ['GET', '/work', 200], ['GET', '/work', 500], ['GET', 'unmatched', 404], ['POST', '/', 405], ['GET', '/work', 499],
    ];
    for (let i = 0; i < 5000; i++) {
      const [m, r, c] = series[Math.floor(rand() * series.length)] as [string, string, number];
      const kind = rand();
      const seconds = kind < 0.1 ? (DURATION_BUCKETS[Math.floor(rand() * DURATION_BUCKETS.length)] as number)
        : kind < 0.12 ? 0
        : kind < 0.14 ? 3 + rand() * 10
        : rand() * rand() * 0.3;
      observe(m, r, c, seconds);
    }
    const text = await ours.metrics();
    assert.equal(text, await reference.metrics());
    assert.match(text, /http_request_duration_seconds_bucket\{le="\+Inf",method="GET",route="\/work",code="499"\} \d+/);
  });

  it('rejects unsorted buckets', () => {
    assert.throws(() => new HttpRequestMetrics({
      counterName: 'a', counterHelp: 'a', histogramName: 'b', histogramHelp: 'b', buckets: [0.1, 0.05],
    }), /ascending/);
  });
});
