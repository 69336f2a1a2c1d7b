// Requests Node's parser rejects are answered like Node answers them and counted in
// http_requests_total under route="rejected" (bounded labels, no histogram series).

import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rejectedMethod, rejectionStatus } from '../src/client-errors';
import { HTTP_REQUESTS_TOTAL, REJECTED_ROUTE } from '../src/metric-names';
import { sampleValue } from '../scripts/lib/prom-text';
import { rawConnect } from './helpers/raw-socket';
import { startService, type Running } from './helpers/service';

async function exchange(port: number, bytes: string): Promise<string> {
  const c = await rawConnect(port);
  c.socket.write(bytes);
  await c.closed;
  return c.received();
}

describe('rejected requests', () => {
  let svc: Running;
  before(async () => { svc = await startService({ headersTimeoutMs: 300, requestTimeoutMs: 300, connectionsCheckingIntervalMs: 50 }); });
  after(async () => { await svc.stop(); });

  it('maps Node error codes to the status Node would send, 400 otherwise', () => {
    assert.equal(rejectionStatus('HPE_HEADER_OVERFLOW'), 431);
    assert.equal(rejectionStatus('ERR_HTTP_REQUEST_TIMEOUT'), 408);
    assert.equal(rejectionStatus('HPE_CHUNK_EXTENSIONS_OVERFLOW'), 413);
    assert.equal(rejectionStatus('HPE_INVALID_METHOD'), 400);
    assert.equal(rejectionStatus(undefined), 400);
  });

  it('labels the method from the received bytes, bounded to the usual set', () => {
    assert.equal(rejectedMethod(Buffer.from('GET /\x00 HTTP/1.1')), 'GET');
    assert.equal(rejectedMethod(Buffer.from('BREW /pot HTTP/1.1')), 'OTHER');
    assert.equal(rejectedMethod(Buffer.from('x'.repeat(100))), 'OTHER');
    assert.equal(rejectedMethod(undefined), 'OTHER');
  });

  it('answers 400, 431 and 408 and counts each under route="rejected"', async () => {
    assert.match(await exchange(svc.port, 'GARBAGE\r\n\r\n'), /^HTTP\/1\.1 400 Bad Request\r\nConnection: close\r\n\r\n$/);
    assert.match(await exchange(svc.port, 'GET / HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n'), /^HTTP\/1\.1 400 /);
    const big = `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`;
    assert.match(await exchange(svc.port, big), /^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    assert.match(await exchange(svc.port, 'GET / HTTP/1.1\r\nHost'), /^HTTP\/1\.1 408 Request Timeout\r\n/);

    const m = await svc.scrape();
    const count = (method: string, code: string): number =>
      sampleValue(m, HTTP_REQUESTS_TOTAL, { method, route: REJECTED_ROUTE, code });
    assert.equal(count('OTHER', '400'), 1, 'GARBAGE has no known method');
    assert.equal(count('GET', '400'), 1);
    assert.equal(count('GET', '431'), 1);
    assert.equal(count('OTHER', '408'), 1);
    const rejectedSeries = m.samples.filter((s) => s.labels['route'] === REJECTED_ROUTE);
    assert.ok(rejectedSeries.every((s) => s.name === HTTP_REQUESTS_TOTAL), 'no duration series for rejected requests');
    assert.ok(rejectedSeries.every((s) => ['400', '408', '413', '431'].includes(s.labels['code'] ?? '')));
  });

  it('a client that hangs up in the middle of a request is not counted as a rejected request', async () => {
    const before = (await svc.scrape()).samples.filter((s) => s.labels['route'] === REJECTED_ROUTE).reduce((a, s) => a + s.value, 0);
    const c = await rawConnect(svc.port);
    c.socket.write('GET / HTTP/1.1\r\n');
    c.socket.resetAndDestroy();
    await c.closed;
    await new Promise((r) => setTimeout(r, 400));
    const afterwards = (await svc.scrape()).samples.filter((s) => s.labels['route'] === REJECTED_ROUTE).reduce((a, s) => a + s.value, 0);
    assert.equal(afterwards, before);
  });
});
