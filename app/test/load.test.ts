// The load CLI against an in-process service on 127.0.0.1 (bounded: ~1 s each).

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { APP_ROOT } from '../scripts/lib/paths';
import { judge, parseLoadArgs } from '../scripts/load';
import type { LoadSummary } from '../scripts/lib/load-runner';
import { startService } from './helpers/service';

const LOAD = path.join(APP_ROOT, 'build', 'scripts', 'load.js');

function runLoadCli(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LOAD, ...args]);
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { out += c.toString(); });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error('load CLI hung')); }, 20_000);
    child.on('exit', (code) => { clearTimeout(timer); resolve({ code, out }); });
  });
}

function summary(over: Partial<LoadSummary>): LoadSummary {
  return {
    url: 'http://127.0.0.1:1/work', connections: 1, durationSec: 1, responses: 100, errors: 0, non2xx: 0,
    statusCounts: { 200: 100 }, requestsPerSec: 100, latencyMs: { p50: 1, p90: 2, p99: 3, max: 4 }, errorRatio: 0,
    ...over,
  };
}

describe('load script', () => {
  it('judges thresholds', () => {
    assert.deepEqual(judge(summary({}), { maxP99Ms: 3, maxErrorRatio: 0 }), { ok: true, failures: [] });
    assert.equal(judge(summary({}), { maxP99Ms: 2.9 }).ok, false);
    assert.equal(judge(summary({ errorRatio: 0.36 }), { maxErrorRatio: 0.35 }).ok, false);
    assert.equal(judge(summary({ errorRatio: 0.34 }), { maxErrorRatio: 0.35 }).ok, true);
    assert.equal(judge(summary({ responses: 0 }), {}).ok, false);
  });

  it('derives the error threshold from --fail-rate plus --margin', () => {
    const a = parseLoadArgs(['--url', 'http://127.0.0.1:9', '--fail-rate', '0.3', '--margin', '0.02']);
    assert.ok(Math.abs((a.thresholds.maxErrorRatio ?? 0) - 0.32) < 1e-12);
    assert.equal(a.url, 'http://127.0.0.1:9/work');
    const b = parseLoadArgs(['--url', 'http://127.0.0.1:9/', '--path', '/healthz', '--max-error-ratio', '0']);
    assert.equal(b.url, 'http://127.0.0.1:9/healthz');
    assert.equal(b.thresholds.maxErrorRatio, 0);
    assert.throws(() => parseLoadArgs([]), /--url is required/);
    assert.throws(() => parseLoadArgs(['--url', 'http://x', '--max-error-ratio', '0.1', '--fail-rate', '0.1']), /either/);
    assert.throws(() => parseLoadArgs(['--url', 'http://x', '--connections', '0']), /--connections/);
  });

  it('exits 2 on bad arguments', async () => {
    const r = await runLoadCli(['--duration', '1']);
    assert.equal(r.code, 2);
    assert.match(r.out, /--url is required/);
  });

  it('passes against a healthy service and prints the figures', async () => {
    const svc = await startService({ failRate: 0, workMinMs: 1, workMaxMs: 5 });
    try {
      const r = await runLoadCli(['--url', svc.baseUrl, '--duration', '1', '--connections', '4',
        '--max-p99-ms', '1000', '--max-error-ratio', '0', '--json']);
      assert.equal(r.code, 0, r.out);
      assert.match(r.out, /throughput: +\d/);
      assert.match(r.out, /p50=\d+\.\d+ p90=\d+\.\d+ p99=\d+\.\d+/);
      const json = JSON.parse(r.out.trim().split('\n').find((l) => l.startsWith('{')) ?? '{}') as { summary: LoadSummary };
      assert.ok(json.summary.responses > 10);
      assert.equal(json.summary.errorRatio, 0);
      assert.ok(json.summary.latencyMs.p99 >= json.summary.latencyMs.p50);
      assert.ok(json.summary.latencyMs.p50 >= 1, 'latency should include the simulated work');
    } finally {
      await svc.stop();
    }
  });

  it('fails when errors exceed FAIL_RATE plus the margin, passes within it', async () => {
    const svc = await startService({ failRate: 0.5, workMinMs: 0, workMaxMs: 1 });
    try {
      const bad = await runLoadCli(['--url', svc.baseUrl, '--duration', '1', '--connections', '4',
        '--fail-rate', '0.1', '--margin', '0.05']);
      assert.equal(bad.code, 1, bad.out);
      assert.match(bad.out, /FAIL: error ratio 0\.\d+ > 0\.1500/);
      const good = await runLoadCli(['--url', svc.baseUrl, '--duration', '1', '--connections', '4',
        '--fail-rate', '0.5', '--margin', '0.1']);
      assert.equal(good.code, 0, good.out);
    } finally {
      await svc.stop();
    }
  });

  it('fails when p99 latency exceeds --max-p99-ms', async () => {
    const svc = await startService({ workMinMs: 20, workMaxMs: 25 });
    try {
      const r = await runLoadCli(['--url', svc.baseUrl, '--duration', '1', '--connections', '4', '--max-p99-ms', '5']);
      assert.equal(r.code, 1, r.out);
      assert.match(r.out, /FAIL: p99 latency \d+\.\d+ ms > 5 ms/);
    } finally {
      await svc.stop();
    }
  });
});
