// The rollout probe with the prod pod's own values (deploy/prod: ConfigMap, grace period, preStop):
// 50 keep-alive clients without retries load /work, SIGTERM arrives mid-load, three times.
// Every request gets a response, or a clean refusal once the drain is over; no resets; the
// process exits 0 within what is left of the grace period after the preStop sleep.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { freePort, spawnServer } from '../scripts/lib/child';
import { configMapData, podTermination } from '../scripts/lib/manifests';
import { runSigtermProbe } from '../scripts/lib/sigterm-probe';
import { secretVolume } from './helpers/secret-volume';

const RUNS = 3;
const CLIENTS = 50;

describe('rollout: SIGTERM under keep-alive load with the prod ConfigMap', () => {
  const env = configMapData('prod');
  const { gracePeriodSec, preStopSleepSec } = podTermination('prod');
  const drainSec = Number(env['SHUTDOWN_DRAIN_SEC']);

  it('the prod ConfigMap drains on the app side and fits the grace period', () => {
    assert.ok(drainSec > 0, `SHUTDOWN_DRAIN_SEC=${env['SHUTDOWN_DRAIN_SEC']}: prod must drain`);
    const timeoutSec = Number(env['SHUTDOWN_TIMEOUT_SEC']);
    assert.ok(preStopSleepSec + drainSec + timeoutSec <= gracePeriodSec,
      `preStop ${preStopSleepSec} + drain ${drainSec} + timeout ${timeoutSec} > grace ${gracePeriodSec}`);
  });

  for (let run = 1; run <= RUNS; run++) {
    it(`run ${run}/${RUNS}: ${CLIENTS} keep-alive clients, SIGTERM mid-load: 0 resets, exit 0 in time`, { timeout: 60_000 }, async () => {
      const volume = secretVolume('GREETING', 'hello from the probe');
      const port = await freePort();
      const server = await spawnServer({
        env: { ...env, PORT: String(port), HOST: '127.0.0.1', GREETING_FILE: volume.file },
      });
      try {
        const withinMs = (gracePeriodSec - preStopSleepSec) * 1000;
        const r = await runSigtermProbe({
          server, path: '/work', clients: CLIENTS, signalAfterMs: 1000, drainMs: drainSec * 1000, exitWithinMs: withinMs,
        });
        const summary = JSON.stringify({ ...r, exitMs: Math.round(r.exitMs) });
        process.stdout.write(`# probe run ${run}: ${summary}\n`);
        assert.equal(r.resets, 0, summary);
        assert.deepEqual(r.otherErrors, [], summary);
        assert.equal(r.refusedEarly, 0, `connections refused during the drain: ${summary}`);
        assert.deepEqual(Object.keys(r.byStatus), ['200'], summary);
        assert.ok(r.responses > 1000, `too little load to mean anything: ${summary}`);
        assert.ok(r.closeResponses >= CLIENTS, `every client should have been told to leave: ${summary}`);
        assert.deepEqual(r.exit, { code: 0, signal: null }, summary);
        assert.ok(r.exitMs >= drainSec * 1000 && r.exitMs < withinMs, summary);
      } finally {
        server.kill();
        volume.remove();
      }
    });
  }
});
