import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { freePort, spawnServer } from '../scripts/lib/child';
import { METRICS_JSON } from '../scripts/lib/paths';
import { liveMetricsList, serializeMetricsList, type MetricsList } from '../scripts/metrics-list';
import {
  HTTP_REQUESTS_IN_FLIGHT, HTTP_REQUESTS_TOTAL, HTTP_REQUEST_DURATION_SECONDS, RELIED_ON_DEFAULT_METRICS,
} from '../src/metric-names';

describe('metrics.json', () => {
  it('matches a live scrape of the real service (run `npm run metrics:list` if this fails)', async () => {
    const committedText = readFileSync(METRICS_JSON, 'utf8');
    const committed = JSON.parse(committedText) as MetricsList;
    const port = await freePort();
    const server = await spawnServer({ env: { PORT: String(port), HOST: '127.0.0.1' } });
    try {
      const live = await liveMetricsList(server.baseUrl);
      assert.deepEqual(committed.metrics, live.metrics);
      assert.deepEqual(committed.types, live.types);
      assert.equal(committedText, serializeMetricsList(live), 'same content but different formatting');
    } finally {
      server.kill();
    }
  });

  it('lists the service metrics and the default process metrics the platform relies on', () => {
    const committed = JSON.parse(readFileSync(METRICS_JSON, 'utf8')) as MetricsList;
    for (const name of [HTTP_REQUESTS_TOTAL, HTTP_REQUEST_DURATION_SECONDS, HTTP_REQUESTS_IN_FLIGHT, ...RELIED_ON_DEFAULT_METRICS]) {
      assert.ok(committed.metrics.includes(name), `${name} missing from metrics.json`);
    }
    assert.deepEqual(committed.metrics, [...committed.metrics].sort());
  });
});
