// The server's deadlines (server-options.ts) with small bounds, over real sockets: a connection
// that trickles its headers or its body is closed at the configured bound, an idle keep-alive
// connection lives until keepAliveTimeout (not headersTimeout), and maxRequestsPerSocket ends a
// connection with `Connection: close` on a response rather than by cutting it.

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rawConnect } from './helpers/raw-socket';
import { startService, type Running } from './helpers/service';

const HEADERS_MS = 400;
const REQUEST_MS = 900;
const CHECK_MS = 50;
const KEEP_ALIVE_MS = 1200;
/** Scheduling slack on a busy 2-vCPU machine. */
const SLACK_MS = 350;

describe('server limits', () => {
  let svc: Running;
  before(async () => {
    svc = await startService({
      headersTimeoutMs: HEADERS_MS, requestTimeoutMs: REQUEST_MS, connectionsCheckingIntervalMs: CHECK_MS,
      keepAliveTimeoutMs: KEEP_ALIVE_MS, maxRequestsPerSocket: 3, workMinMs: 0, workMaxMs: 0,
    });
  });
  after(async () => { await svc.stop(); });

  it(`slowloris: headers trickled byte by byte get 408 and a close at headersTimeout (${HEADERS_MS} ms)`, async () => {
    const c = await rawConnect(svc.port);
    c.socket.write('GET / HTTP/1.1\r\nHost: x\r\n');
    c.drip('X', 30);
    const { ms } = await c.closed;
    assert.match(c.received(), /^HTTP\/1\.1 408 Request Timeout\r\n/);
    assert.ok(ms >= HEADERS_MS - 20 && ms <= HEADERS_MS + CHECK_MS + SLACK_MS, `closed after ${ms.toFixed(0)} ms`);
  });

  it(`dripping body: a body trickled after complete headers is cut at requestTimeout (${REQUEST_MS} ms)`, async () => {
    const c = await rawConnect(svc.port);
    c.socket.write('POST /work HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n');
    c.drip('a', 30);
    const { ms } = await c.closed;
    assert.ok(ms >= REQUEST_MS - 20 && ms <= REQUEST_MS + CHECK_MS + SLACK_MS, `closed after ${ms.toFixed(0)} ms`);
    assert.match(c.received(), /HTTP\/1\.1 408 Request Timeout\r\n/);
  });

  it(`an idle keep-alive connection outlives headersTimeout and closes at keepAliveTimeout (${KEEP_ALIVE_MS} ms)`, async () => {
    const c = await rawConnect(svc.port);
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await c.waitFor('ok\n');
    await new Promise((r) => setTimeout(r, HEADERS_MS + 300));
    c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    await c.waitFor('ok\n', 2);
    const lastResponseAt = performance.now();
    const { reset } = await c.closed;
    const idleMs = performance.now() - lastResponseAt;
    assert.equal(reset, false);
    assert.equal((c.received().match(/HTTP\/1\.1 200 OK/g) ?? []).length, 2);
    assert.ok(idleMs >= KEEP_ALIVE_MS - 100 && idleMs <= KEEP_ALIVE_MS + 1000 + SLACK_MS, `idle connection closed after ${idleMs.toFixed(0)} ms`);
  });

  it('maxRequestsPerSocket: the third response on a connection says Connection: close, then the server closes it', async () => {
    const c = await rawConnect(svc.port);
    for (let i = 1; i <= 3; i++) {
      c.socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
      await c.waitFor('ok\n', i, 2000);
    }
    const lastResponseAt = performance.now();
    const { reset } = await c.closed;
    const closeMs = performance.now() - lastResponseAt;
    assert.ok(closeMs < KEEP_ALIVE_MS / 2, `closed ${closeMs.toFixed(0)} ms after the last response: not by the server's own close`);
    const responses = c.received().split(/(?=HTTP\/1\.1 )/);
    assert.equal(responses.length, 3);
    assert.match(responses[0] ?? '', /Connection: keep-alive/i);
    assert.match(responses[2] ?? '', /Connection: close/i);
    assert.equal(reset, false);
  });
});
