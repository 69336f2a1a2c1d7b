import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from '../scripts/lib/http-client';
import { startService } from './helpers/service';

describe('readiness', () => {
  it('is 503 until READINESS_DELAY_SEC has passed, then 200', async () => {
    const delaySec = 0.6;
    const created = performance.now();
    const svc = await startService({ readinessDelaySec: delaySec });
    try {
      const early = await request(`${svc.baseUrl}/readyz`);
      assert.equal(early.status, 503);
      assert.equal(early.body, 'starting\n');
      // Liveness is independent of readiness.
      assert.equal((await request(`${svc.baseUrl}/healthz`)).status, 200);

      // Poll; the first 200 must not come before the delay, and must come soon after.
      let firstReadyAt = 0;
      while (performance.now() - created < (delaySec + 2) * 1000) {
        const res = await request(`${svc.baseUrl}/readyz`);
        if (res.status === 200) { firstReadyAt = performance.now(); break; }
        assert.equal(res.status, 503);
        await sleep(25);
      }
      assert.ok(firstReadyAt > 0, 'never became ready');
      const elapsedMs = firstReadyAt - created;
      assert.ok(elapsedMs >= delaySec * 1000, `ready after ${elapsedMs} ms, before the ${delaySec}s delay`);
      assert.ok(elapsedMs < delaySec * 1000 + 500, `ready only after ${elapsedMs} ms`);
      assert.equal((await request(`${svc.baseUrl}/readyz`)).body, 'ready\n');
    } finally {
      await svc.stop();
    }
  });

  it('is ready immediately when READINESS_DELAY_SEC=0', async () => {
    const svc = await startService({ readinessDelaySec: 0 });
    try {
      assert.equal((await request(`${svc.baseUrl}/readyz`)).status, 200);
    } finally {
      await svc.stop();
    }
  });

  it('turns 503 from the moment shutdown starts, while liveness stays 200', async () => {
    // The drain keeps the listener open after SIGTERM, which is what makes
    // "not ready" observable to a load balancer before connections are refused.
    const svc = await startService({ shutdownDrainSec: 0.8, shutdownTimeoutSec: 5 });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      assert.equal((await request(`${svc.baseUrl}/readyz`, { agent })).status, 200);
      const shutdown = svc.service.shutdown();
      assert.equal(svc.service.isReady(), false);

      // The existing keep-alive connection and a fresh one both see 503 now. The connection
      // from before the signal is told to close; one opened during the drain is kept until
      // the listener closes, so that clients stop reconnecting before it does.
      const existing = await request(`${svc.baseUrl}/readyz`, { agent });
      assert.equal(existing.status, 503);
      assert.equal(existing.body, 'shutting down\n');
      assert.equal(existing.headers['connection'], 'close', 'draining responses should release keep-alive connections');
      const late = new Agent({ keepAlive: true, maxSockets: 1 });
      const fresh = await request(`${svc.baseUrl}/readyz`, { agent: late });
      assert.equal(fresh.status, 503);
      assert.equal(fresh.headers['connection'], 'keep-alive');
      assert.equal((await request(`${svc.baseUrl}/healthz`)).status, 200);
      await sleep(900); // past the drain: the listener is closed, the late connection is released
      const released = await request(`${svc.baseUrl}/healthz`, { agent: late });
      assert.equal(released.headers['connection'], 'close');
      late.destroy();

      const result = await shutdown;
      assert.equal(result.forced, false);
      assert.ok(result.durationMs >= 700, `listener closed after ${result.durationMs} ms, before the drain`);
      await assert.rejects(request(`${svc.baseUrl}/readyz`), /ECONNREFUSED/);
    } finally {
      agent.destroy();
      await svc.stop();
    }
  });

  it('with no drain, stops accepting connections at once', async () => {
    const svc = await startService({ shutdownDrainSec: 0 });
    const result = await svc.service.shutdown();
    assert.equal(result.forced, false);
    assert.equal(svc.service.isReady(), false);
    await assert.rejects(request(`${svc.baseUrl}/readyz`), /ECONNREFUSED/);
  });
});
