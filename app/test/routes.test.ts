import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request } from '../scripts/lib/http-client';
import { ROUTES } from '../src/routes';
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
