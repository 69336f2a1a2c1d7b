import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { requestMany } from '../scripts/lib/http-client';
import { startService } from './helpers/service';

async function countFailures(failRate: number, n: number): Promise<{ ok: number; failed: number; other: number }> {
  const svc = await startService({ failRate, workMinMs: 0, workMaxMs: 1 });
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  try {
    const responses = await requestMany(() => `${svc.baseUrl}/work`, n, 32, { agent });
    const ok = responses.filter((r) => r.status === 200).length;
    const failed = responses.filter((r) => r.status === 500).length;
    for (const r of responses.filter((x) => x.status === 500)) {
      assert.equal((JSON.parse(r.body) as { error: string }).error, 'simulated failure');
    }
    return { ok, failed, other: n - ok - failed };
  } finally {
    agent.destroy();
    await svc.stop();
  }
}

describe('FAIL_RATE', () => {
  it('FAIL_RATE=0.3 fails about 30% of 2000 requests (binomial 5-sigma band)', async () => {
    const n = 2000;
    const p = 0.3;
    const { failed, other } = await countFailures(p, n);
    assert.equal(other, 0);
    const mean = n * p;
    const sigma = Math.sqrt(n * p * (1 - p));
    assert.ok(Math.abs(failed - mean) <= 5 * sigma,
      `${failed} failures out of ${n}; expected ${mean} ± ${(5 * sigma).toFixed(1)}`);
  });

  it('FAIL_RATE=0 never fails', async () => {
    const { ok, failed } = await countFailures(0, 500);
    assert.equal(failed, 0);
    assert.equal(ok, 500);
  });

  it('FAIL_RATE=1 always fails', async () => {
    const { ok, failed } = await countFailures(1, 500);
    assert.equal(ok, 0);
    assert.equal(failed, 500);
  });
});
