// Process-level behaviour of the real entry point (dist/server.js): environment
// validation, signals and graceful draining. Each test spawns its own child.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort, spawnServer, type LogLine, type Spawned } from '../scripts/lib/child';
import { request } from '../scripts/lib/http-client';
import { SERVER_ENTRY } from '../scripts/lib/paths';

/** Run the CLI with `env` and collect its exit status and output (for env that must fail fast). */
function runCli(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [SERVER_ENTRY], { env: { PATH: process.env['PATH'] ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => { stdout += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('CLI did not exit')); }, 10_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

async function withServer(env: Record<string, string>, fn: (s: Spawned) => Promise<void>): Promise<void> {
  const port = await freePort();
  const s = await spawnServer({ env: { PORT: String(port), HOST: '127.0.0.1', ...env } });
  try {
    await fn(s);
  } finally {
    s.kill();
  }
}

function logMessages(logs: LogLine[]): string[] {
  return logs.map((l) => String(l.msg));
}

describe('CLI: invalid environment', () => {
  const cases: [Record<string, string>, string[]][] = [
    [{ FAIL_RATE: '1.5' }, ['FAIL_RATE="1.5": must be a number from 0 to 1']],
    [{ PORT: 'abc' }, ['PORT="abc": must be an integer from 1 to 65535']],
    [{ PORT: '70000', FAIL_RATE: 'x', READINESS_DELAY_SEC: '-1' }, [
      'PORT="70000": must be an integer from 1 to 65535',
      'FAIL_RATE="x": must be a number from 0 to 1',
      'READINESS_DELAY_SEC="-1": must be a number from 0 to 86400 (seconds)',
    ]],
  ];
  for (const [env, expected] of cases) {
    it(`exits 1 with one line naming ${Object.keys(env).join(', ')}`, async () => {
      const r = await runCli(env);
      assert.equal(r.code, 1);
      const lines = r.stderr.split('\n').filter((l) => l !== '');
      assert.equal(lines.length, 1, `expected exactly one line, got ${JSON.stringify(r.stderr)}`);
      const line = lines[0] ?? '';
      assert.match(line, /^invalid environment: /);
      for (const part of expected) assert.ok(line.includes(part), `${JSON.stringify(line)} lacks ${JSON.stringify(part)}`);
      assert.equal(r.stdout, '', 'must not start (or log startup) with bad config');
      assert.ok(r.ms < 5000);
    });
  }
});

describe('CLI: startup', () => {
  it('logs JSON lines, including the config but not the greeting value', async () => {
    await withServer({ GREETING: 'do-not-log-me', FAIL_RATE: '0.25' }, async (s) => {
      const res = await request(`${s.baseUrl}/`);
      assert.equal(res.body, 'do-not-log-me\n');
      const listening = s.logs.find((l) => l.msg === 'listening');
      assert.ok(listening, 'no listening log');
      assert.equal(listening['level'], 'info');
      assert.equal(typeof listening['time'], 'string');
      assert.equal((listening['config'] as Record<string, unknown>)['failRate'], 0.25);
      assert.equal(JSON.stringify(s.logs).includes('do-not-log-me'), false);
      // No per-request logging by default.
      assert.equal(s.logs.filter((l) => l.msg === 'request').length, 0);
    });
  });

  it('LOG_REQUESTS=true logs one line per request', async () => {
    await withServer({ LOG_REQUESTS: 'true' }, async (s) => {
      await request(`${s.baseUrl}/healthz`);
      await request(`${s.baseUrl}/nope`);
      await sleep(100);
      const requests = s.logs.filter((l) => l.msg === 'request');
      assert.deepEqual(requests.map((l) => [l['route'], l['code']]), [['/healthz', 200], ['unmatched', 404]]);
    });
  });

  it('exits 1 with a JSON error when the port is taken', async () => {
    await withServer({}, async (s) => {
      const r = await runCli({ PORT: String(s.port), HOST: '127.0.0.1' });
      assert.equal(r.code, 1);
      const log = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as LogLine;
      assert.equal(log.msg, 'failed to listen');
      assert.match(JSON.stringify(log['err']), /EADDRINUSE/);
    });
  });
});

describe('CLI: graceful shutdown', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} without drain: in-flight request completes, new connections are refused, exit 0`, async () => {
      const workMs = 1500;
      await withServer({ WORK_MIN_MS: String(workMs), WORK_MAX_MS: String(workMs), SHUTDOWN_DRAIN_SEC: '0' }, async (s) => {
        // An idle keep-alive connection must not hold the shutdown up.
        const idle = new Agent({ keepAlive: true });
        assert.equal((await request(`${s.baseUrl}/healthz`, { agent: idle })).status, 200);

        let inFlightDoneAt = 0;
        const inFlight = request(`${s.baseUrl}/work`).then((r) => { inFlightDoneAt = performance.now(); return r; });
        await sleep(300); // the request is now being served (it takes 1.5 s)

        const signalledAt = performance.now();
        s.child.kill(signal);

        // New connections are refused while the in-flight request is still running.
        let refusedAt = 0;
        while (performance.now() - signalledAt < 1000) {
          try {
            await request(`${s.baseUrl}/healthz`, { timeoutMs: 500 });
          } catch (err) {
            // ECONNRESET = connected into the backlog just as the listener
            // closed (a race with the signal); keep polling for a clean refusal.
            assert.match(String(err), /ECONNREFUSED|ECONNRESET/);
            if (/ECONNREFUSED/.test(String(err))) {
              refusedAt = performance.now();
              break;
            }
          }
          await sleep(20);
        }
        assert.ok(refusedAt > 0, 'new connections still accepted 1 s after the signal');
        assert.equal(inFlightDoneAt, 0, 'in-flight request finished before the listener closed; test proves nothing');

        const res = await inFlight;
        assert.equal(res.status, 200);
        assert.equal((JSON.parse(res.body) as { greeting: string }).greeting, 'hello');
        assert.equal(res.headers['connection'], 'close');

        const exit = await s.exited;
        const exitMs = performance.now() - signalledAt;
        assert.deepEqual(exit, { code: 0, signal: null });
        assert.ok(exitMs < 3000, `exit took ${exitMs} ms`);
        assert.ok(inFlightDoneAt <= performance.now());
        const msgs = logMessages(s.logs);
        assert.ok(msgs.includes('shutdown started') && msgs.includes('shutdown complete'), msgs.join(','));
        assert.equal(s.logs.find((l) => l.msg === 'shutdown started')?.['signal'], signal);
        idle.destroy();
      });
    });
  }

  it('exits promptly with only idle keep-alive connections open (no drain)', async () => {
    await withServer({ SHUTDOWN_DRAIN_SEC: '0' }, async (s) => {
      const agent = new Agent({ keepAlive: true, maxSockets: 4 });
      await Promise.all([1, 2, 3, 4].map(() => request(`${s.baseUrl}/healthz`, { agent })));
      const t0 = performance.now();
      s.child.kill('SIGTERM');
      const exit = await s.exited;
      assert.equal(exit.code, 0);
      // Idle connections are closed after the last call (1 s), not at once, and nothing longer.
      const ms = performance.now() - t0;
      assert.ok(ms >= 900 && ms < 2000, `idle keep-alive connections closed after ${ms} ms`);
      agent.destroy();
    });
  });

  it('hard-stops after SHUTDOWN_TIMEOUT_SEC and exits 1 when a request will not finish', async () => {
    await withServer({ WORK_MIN_MS: '10000', WORK_MAX_MS: '10000', SHUTDOWN_TIMEOUT_SEC: '0.5', SHUTDOWN_DRAIN_SEC: '0' }, async (s) => {
      const stuck = request(`${s.baseUrl}/work`).then(() => 'completed', (err: unknown) => String(err));
      await sleep(200);
      const t0 = performance.now();
      s.child.kill('SIGTERM');
      const exit = await s.exited;
      const ms = performance.now() - t0;
      assert.equal(exit.code, 1);
      assert.ok(ms >= 450 && ms < 2000, `hard stop after ${ms} ms`);
      assert.match(await stuck, /socket hang up|ECONNRESET/);
      assert.ok(logMessages(s.logs).includes('shutdown timeout reached, closing remaining connections'));
    });
  });
});
