import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from '../scripts/lib/http-client';
import { pathOf, ROUTES } from '../src/routes';
import { rawConnect } from './helpers/raw-socket';
import { startService, type Running } from './helpers/service';

describe('routes', () => {
  const greeting = 'grüß dich, ☃';
  let svc: Running;
  before(async () => { svc = await startService({ greeting, workMinMs: 1, workMaxMs: 3 }); });
  after(async () => { await svc.stop(); });

  it('GET / returns the configured greeting', async () => {
    const res = await request(`${svc.baseUrl}/`);
    assert.equal(res.status, 200);
    assert.equal(res.body, `${greeting}\n`);
    assert.match(String(res.headers['content-type']), /^text\/plain/);
  });

  it('GET /work returns JSON with the greeting', async () => {
    const res = await request(`${svc.baseUrl}/work`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^application\/json/);
    const body = JSON.parse(res.body) as { greeting: string; workMs: number };
    assert.equal(body.greeting, greeting);
    assert.ok(body.workMs >= 1, `workMs ${body.workMs} should include the simulated delay`);
  });

  it('query strings do not change routing', async () => {
    assert.equal((await request(`${svc.baseUrl}/healthz?probe=1`)).status, 200);
    assert.equal((await request(`${svc.baseUrl}/work?x=y`)).status, 200);
  });

  it('reads the path of origin-form and absolute-form targets (RFC 9112 section 3.2)', () => {
    assert.equal(pathOf('/healthz?x=1'), '/healthz');
    assert.equal(pathOf('http://host/healthz'), '/healthz');
    assert.equal(pathOf('HTTP://host:8000/work?x=/y'), '/work');
    assert.equal(pathOf('http://host'), '/');
    assert.equal(pathOf('http://host?x=/healthz'), '/');
    assert.equal(pathOf('https://h/metrics'), '/metrics');
    assert.equal(pathOf('*'), '*');
    assert.equal(pathOf('healthz'), 'healthz');
  });

  it('GET http://host/healthz (absolute-form) is routed like /healthz', async () => {
    const c = await rawConnect(svc.port);
    c.socket.write('GET http://example.test/healthz HTTP/1.1\r\nHost: example.test\r\nConnection: close\r\n\r\n');
    await c.closed;
    assert.match(c.received(), /^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok\n$/);
    const m = await svc.scrape();
    assert.ok(m.samples.some((s) => s.name === 'http_requests_total' && s.labels['route'] === '/healthz'));
  });

  it('GET /healthz is 200', async () => {
    const res = await request(`${svc.baseUrl}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(res.body, 'ok\n');
  });

  it('GET /metrics is Prometheus text format', async () => {
    const res = await request(`${svc.baseUrl}/metrics`);
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.match(res.body, /^# HELP /m);
  });

  for (const path of ['/nope', '/work/', '/WORK', '/metricsx', '//', '/healthz/extra']) {
    it(`unknown path ${path} is 404`, async () => {
      const res = await request(`${svc.baseUrl}${path}`);
      assert.equal(res.status, 404);
      assert.deepEqual(JSON.parse(res.body), { error: 'not found' });
    });
  }

  it('unknown paths are 404 for any method (not 405)', async () => {
    assert.equal((await request(`${svc.baseUrl}/nope`, { method: 'POST' })).status, 404);
  });

  for (const route of ROUTES) {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      it(`${method} ${route} is 405 with an Allow header`, async () => {
        const res = await request(`${svc.baseUrl}${route}`, { method });
        assert.equal(res.status, 405);
        assert.equal(res.headers['allow'], 'GET, HEAD');
      });
    }
    it(`HEAD ${route} is allowed and has no body`, async () => {
      const res = await request(`${svc.baseUrl}${route}`, { method: 'HEAD' });
      assert.equal(res.status, 200);
      assert.equal(res.body, '');
    });
  }
});
