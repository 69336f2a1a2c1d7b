import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request as rawRequest } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { request, requestMany } from '../scripts/lib/http-client';
import { sampleValue, type Exposition } from '../scripts/lib/prom-text';
import {
  HTTP_REQUESTS_IN_FLIGHT, HTTP_REQUESTS_TOTAL, HTTP_REQUEST_DURATION_SECONDS, RELIED_ON_DEFAULT_METRICS, UNMATCHED_ROUTE,
} from '../src/metric-names';
import { startService } from './helpers/service';

const COUNT = `${HTTP_REQUEST_DURATION_SECONDS}_count`;
const SUM = `${HTTP_REQUEST_DURATION_SECONDS}_sum`;
const BUCKET = `${HTTP_REQUEST_DURATION_SECONDS}_bucket`;

/** Counter, histogram count and +Inf bucket for one label set must all agree; returns that value. */
function agreedCount(m: Exposition, labels: Record<string, string>): number {
  const counter = sampleValue(m, HTTP_REQUESTS_TOTAL, labels);
  const count = sampleValue(m, COUNT, labels);
  const inf = sampleValue(m, BUCKET, { ...labels, le: '+Inf' });
  assert.equal(count, counter, `histogram _count vs counter for ${JSON.stringify(labels)}`);
  assert.equal(inf, count, `+Inf bucket vs _count for ${JSON.stringify(labels)}`);
  return count;
}

describe('metrics', () => {
  it('observes every request, success and failure, in both the counter and the histogram', async () => {
    const workMinMs = 2;
    const svc = await startService({ failRate: 0.5, workMinMs, workMaxMs: 4 });
    const agent = new Agent({ keepAlive: true, maxSockets: 16 });
    try {
      const work = await requestMany(() => `${svc.baseUrl}/work`, 300, 16, { agent });
      const sent200 = work.filter((r) => r.status === 200).length;
      const sent500 = work.filter((r) => r.status === 500).length;
      assert.equal(sent200 + sent500, 300);
      assert.ok(sent200 > 0 && sent500 > 0, 'need both outcomes to test both');
      const roots = await requestMany(() => `${svc.baseUrl}/`, 7, 4, { agent });
      const missing = await requestMany((i) => `${svc.baseUrl}/no/such/path/${i}`, 11, 4, { agent });
      const posts = await requestMany(() => `${svc.baseUrl}/work`, 5, 2, { agent, method: 'POST' });
      const odd = await requestMany(() => `${svc.baseUrl}/work`, 3, 1, { agent, method: 'PROPFIND' });
      assert.ok(roots.every((r) => r.status === 200));
      assert.ok(missing.every((r) => r.status === 404));
      assert.ok(posts.every((r) => r.status === 405) && odd.every((r) => r.status === 405));

      const m = await svc.scrape();
      assert.equal(agreedCount(m, { method: 'GET', route: '/work', code: '200' }), sent200);
      assert.equal(agreedCount(m, { method: 'GET', route: '/work', code: '500' }), sent500);
      assert.equal(agreedCount(m, { method: 'GET', route: '/', code: '200' }), 7);
      // Every unknown path shares one bounded label value.
      assert.equal(agreedCount(m, { method: 'GET', route: UNMATCHED_ROUTE, code: '404' }), 11);
      assert.equal(m.samples.filter((s) => s.name === HTTP_REQUESTS_TOTAL && s.labels['route']?.startsWith('/no')).length, 0);
      assert.equal(agreedCount(m, { method: 'POST', route: '/work', code: '405' }), 5);
      // Unusual methods are bucketed too.
      assert.equal(agreedCount(m, { method: 'OTHER', route: '/work', code: '405' }), 3);

      // Latency is recorded for successes as well as failures: every /work
      // request waits at least workMinMs, so each sum is at least count * that.
      for (const [code, n] of [['200', sent200], ['500', sent500]] as const) {
        const sum = sampleValue(m, SUM, { method: 'GET', route: '/work', code });
        assert.ok(sum >= n * workMinMs / 1000, `code ${code}: sum ${sum}s < ${n} x ${workMinMs}ms`);
        // Nothing should land in the sub-millisecond bucket for /work.
        assert.equal(sampleValue(m, BUCKET, { method: 'GET', route: '/work', code, le: '0.001' }), 0);
      }

      // Buckets are cumulative (monotonic in le).
      const buckets = m.samples
        .filter((s) => s.name === BUCKET && s.labels['route'] === '/work' && s.labels['code'] === '200')
        .map((s) => s.value);
      assert.deepEqual([...buckets].sort((a, b) => a - b), buckets);

      // The scrape itself was in flight while it was rendered, and is counted after it ends.
      assert.equal(sampleValue(m, HTTP_REQUESTS_IN_FLIGHT, {}), 1);
      const again = await svc.scrape();
      assert.equal(agreedCount(again, { method: 'GET', route: '/metrics', code: '200' }), 1);
    } finally {
      agent.destroy();
      await svc.stop();
    }
  });

  it('exports every user route\'s success and failure series at 0 from start-up, so the first 5xx is counted', async () => {
    const svc = await startService({ failRate: 0 });
    try {
      const m = await svc.scrape();
      for (const route of ['/', '/work']) {
        for (const code of ['200', '500']) assert.equal(agreedCount(m, { method: 'GET', route, code }), 0, `${route} ${code}`);
      }
      // Only user routes: probe and scrape routes appear when first called, as before.
      assert.equal(m.samples.some((s) => s.name === HTTP_REQUESTS_TOTAL && s.labels['route'] === '/healthz'), false);
    } finally {
      await svc.stop();
    }
  });

  it('records a request whose client hung up as code 499', async () => {
    const svc = await startService({ workMinMs: 300, workMaxMs: 300 });
    try {
      await new Promise<void>((resolve) => {
        const req = rawRequest(`${svc.baseUrl}/work`, { agent: false });
        req.on('error', () => resolve());
        req.end();
        setTimeout(() => req.destroy(), 50);
      });
      await sleep(100); // server notices the close on its next poll
      const m = await svc.scrape();
      assert.equal(agreedCount(m, { method: 'GET', route: '/work', code: '499' }), 1);
      assert.equal(sampleValue(m, HTTP_REQUESTS_TOTAL, { route: '/work', code: '200' }), 0);
    } finally {
      await svc.stop();
    }
  });

  it('exports the default process metrics from a dedicated registry', async () => {
    const svc = await startService();
    try {
      const m = await svc.scrape();
      for (const name of RELIED_ON_DEFAULT_METRICS) assert.ok(m.families.has(name), `${name} missing`);
      assert.equal(m.families.get(HTTP_REQUESTS_TOTAL)?.type, 'counter');
      assert.equal(m.families.get(HTTP_REQUEST_DURATION_SECONDS)?.type, 'histogram');
      assert.ok(sampleValue(m, 'process_resident_memory_bytes', {}) > 0);
      // Nothing is registered on prom-client's global registry by the service.
      const { register } = await import('prom-client');
      assert.equal(register.getMetricsAsArray().length, 0);
      assert.equal((await request(`${svc.baseUrl}/metrics`)).status, 200);
    } finally {
      await svc.stop();
    }
  });
});
