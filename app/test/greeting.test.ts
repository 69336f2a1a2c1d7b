// A greeting read from a mounted Secret (GREETING_FILE) follows the Secret: a change swapped in
// the way the kubelet does it reaches the running service without a restart.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createGreetingSource, greetingFromFile, GreetingFileError } from '../src/greeting';
import type { Logger } from '../src/logger';
import { freePort, spawnServer } from '../scripts/lib/child';
import { request } from '../scripts/lib/http-client';
import { secretVolume } from './helpers/secret-volume';
import { startService } from './helpers/service';

function recordingLogger(): Logger & { lines: { level: string; msg: string; fields?: Record<string, unknown> }[] } {
  const lines: { level: string; msg: string; fields?: Record<string, unknown> }[] = [];
  const at = (level: string) => (msg: string, fields?: Record<string, unknown>) => { lines.push({ level, msg, ...(fields ? { fields } : {}) }); };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    if (await check()) return performance.now() - started;
    await sleep(20);
  }
  throw new Error(`${what} not seen within ${timeoutMs} ms`);
}

describe('greeting from a file', () => {
  it('drops one trailing newline and treats an empty file as unset', () => {
    assert.equal(greetingFromFile('hi\n'), 'hi');
    assert.equal(greetingFromFile('hi\r\n'), 'hi');
    assert.equal(greetingFromFile('hi\n\n'), 'hi\n');
    assert.equal(greetingFromFile('two\nlines'), 'two\nlines');
    assert.equal(greetingFromFile(''), 'hello');
  });

  it('refuses an unreadable GREETING_FILE at startup, naming the variable and the path', () => {
    assert.throws(
      () => createGreetingSource({ greeting: 'x', greetingFile: '/nonexistent/GREETING', greetingReloadSec: 1 }, recordingLogger()),
      (err: unknown) => err instanceof GreetingFileError &&
        err.message === 'GREETING_FILE="/nonexistent/GREETING": cannot be read (ENOENT); it must name a readable file');
  });

  it('a changed Secret reaches the running service on / and /work within the reload interval', async () => {
    const volume = secretVolume('GREETING', 'first greeting\n');
    const logger = recordingLogger();
    const svc = await startService({ greeting: 'from env', greetingFile: volume.file, greetingReloadSec: 0.1, workMinMs: 0, workMaxMs: 0 });
    const source = createGreetingSource({ greeting: 'x', greetingFile: volume.file, greetingReloadSec: 0.1 }, logger);
    source.start();
    try {
      assert.equal((await request(`${svc.baseUrl}/`)).body, 'first greeting\n', 'the file wins over GREETING');
      volume.update('second greeting');
      const ms = await until('the new greeting', async () => (await request(`${svc.baseUrl}/`)).body === 'second greeting\n', 3000);
      assert.ok(ms < 1500, `took ${ms.toFixed(0)} ms with a 100 ms reload interval`);
      const work = JSON.parse((await request(`${svc.baseUrl}/work`)).body) as { greeting: string };
      assert.equal(work.greeting, 'second greeting');

      // A read failure keeps the last good greeting and is logged once, without the value.
      await until('the logger to see the change', () => Promise.resolve(source.current() === 'second greeting'), 3000);
      rmSync(volume.file);
      await sleep(400);
      assert.equal((await request(`${svc.baseUrl}/`)).body, 'second greeting\n');
      assert.equal(source.current(), 'second greeting');
      assert.deepEqual(logger.lines.map((l) => l.msg), ['greeting reloaded', 'greeting file unreadable, keeping the current greeting']);
      assert.equal(JSON.stringify(logger.lines).includes('second greeting'), false, 'the value is never logged');
    } finally {
      source.stop();
      await svc.stop();
      volume.remove();
    }
  });

  it('the CLI exits 1 with one line when GREETING_FILE cannot be read', async () => {
    const port = await freePort();
    await assert.rejects(
      spawnServer({ env: { PORT: String(port), HOST: '127.0.0.1', GREETING_FILE: '/nonexistent/GREETING' }, timeoutMs: 5000 }),
      (err: unknown) => /exited before listening \(code 1/.test(String(err)) &&
        String(err).includes('invalid environment: GREETING_FILE=\\"/nonexistent/GREETING\\": cannot be read (ENOENT)'));
  });

  it('the CLI serves a changed Secret without a restart and never logs its value', async () => {
    const volume = secretVolume('GREETING', 'cli first');
    const port = await freePort();
    const s = await spawnServer({ env: { PORT: String(port), HOST: '127.0.0.1', GREETING_FILE: volume.file, GREETING_RELOAD_SEC: '0.2' } });
    try {
      assert.equal((await request(`${s.baseUrl}/`)).body, 'cli first\n');
      volume.update('cli second');
      await until('the new greeting', async () => (await request(`${s.baseUrl}/`)).body === 'cli second\n', 3000);
      assert.ok(s.logs.some((l) => l.msg === 'greeting reloaded'));
      assert.equal(JSON.stringify(s.logs).includes('cli second'), false);
      assert.equal(JSON.stringify(s.logs).includes('cli first'), false);
    } finally {
      s.kill();
      volume.remove();
    }
  });
});
