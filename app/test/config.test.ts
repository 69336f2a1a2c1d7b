import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULTS, formatConfigErrors, loggableConfig, parseConfig, type Config } from '../src/config';

function ok(env: NodeJS.ProcessEnv): Config {
  const r = parseConfig(env);
  if (!r.ok) assert.fail(`expected valid config, got ${formatConfigErrors(r.errors)}`);
  return r.config;
}

function errorsOf(env: NodeJS.ProcessEnv): string[] {
  const r = parseConfig(env);
  if (r.ok) assert.fail(`expected errors for ${JSON.stringify(env)}`);
  return r.errors;
}

describe('config parsing', () => {
  it('applies the documented defaults when nothing is set', () => {
    const c = ok({});
    assert.equal(c.port, 8000);
    assert.equal(c.readinessDelaySec, 0);
    assert.equal(c.failRate, 0);
    assert.equal(c.greeting, 'hello');
    assert.equal(c.shutdownDrainSec, 5);
    assert.equal(c.shutdownTimeoutSec, 20);
    assert.deepEqual(
      [c.headersTimeoutMs, c.requestTimeoutMs, c.keepAliveTimeoutMs, c.connectionsCheckingIntervalMs, c.maxRequestsPerSocket],
      [10_000, 20_000, 65_000, 1_000, 1_000]);
    assert.equal(c.greetingFile, undefined);
    assert.equal(c.greetingReloadSec, 5);
    assert.equal(c.logRequests, false);
    assert.equal(c.host, undefined);
  });

  it('treats empty values as unset', () => {
    const c = ok({ PORT: '', FAIL_RATE: '', GREETING: '' });
    assert.equal(c.port, DEFAULTS.port);
    assert.equal(c.failRate, DEFAULTS.failRate);
    assert.equal(c.greeting, DEFAULTS.greeting);
  });

  it('accepts boundary and typical values', () => {
    const c = ok({
      PORT: '65535', READINESS_DELAY_SEC: '2.5', FAIL_RATE: '1', GREETING: 'hi there',
      SHUTDOWN_TIMEOUT_SEC: '10', SHUTDOWN_DRAIN_SEC: '0', LOG_REQUESTS: 'true', WORK_MIN_MS: '0', WORK_MAX_MS: '0',
      HEADERS_TIMEOUT_MS: '500', REQUEST_TIMEOUT_MS: '500', KEEP_ALIVE_TIMEOUT_MS: '90000',
      CONNECTIONS_CHECK_INTERVAL_MS: '100', MAX_REQUESTS_PER_SOCKET: '0', GREETING_FILE: '/etc/greeter/GREETING',
      GREETING_RELOAD_SEC: '0.5',
    });
    assert.deepEqual(
      [c.port, c.readinessDelaySec, c.failRate, c.greeting, c.shutdownTimeoutSec, c.shutdownDrainSec, c.logRequests],
      [65535, 2.5, 1, 'hi there', 10, 0, true]);
    assert.deepEqual(
      [c.headersTimeoutMs, c.requestTimeoutMs, c.keepAliveTimeoutMs, c.connectionsCheckingIntervalMs, c.maxRequestsPerSocket],
      [500, 500, 90_000, 100, 0]);
    assert.deepEqual([c.greetingFile, c.greetingReloadSec], ['/etc/greeter/GREETING', 0.5]);
    assert.equal(ok({ PORT: '1', FAIL_RATE: '0' }).port, 1);
    assert.equal(ok({ FAIL_RATE: '.25' }).failRate, 0.25);
  });

  const cases: [string, string, string][] = [
    ['FAIL_RATE', '1.5', 'must be a number from 0 to 1'],
    ['FAIL_RATE', '-0.1', 'must be a number from 0 to 1'],
    ['FAIL_RATE', 'abc', 'must be a number from 0 to 1'],
    ['FAIL_RATE', 'NaN', 'must be a number from 0 to 1'],
    ['PORT', 'abc', 'must be an integer from 1 to 65535'],
    ['PORT', '0', 'must be an integer from 1 to 65535'],
    ['PORT', '65536', 'must be an integer from 1 to 65535'],
    ['PORT', '80.5', 'must be an integer from 1 to 65535'],
    ['PORT', '0x50', 'must be an integer from 1 to 65535'],
    ['PORT', ' 80', 'must be an integer from 1 to 65535'],
    ['READINESS_DELAY_SEC', '-1', 'must be a number from 0 to 86400 (seconds)'],
    ['READINESS_DELAY_SEC', 'Infinity', 'must be a number from 0 to 86400 (seconds)'],
    ['SHUTDOWN_TIMEOUT_SEC', '0', 'must be a number from 0.1 to 3600 (seconds)'],
    ['LOG_REQUESTS', 'yes', 'must be one of true, false, 1, 0'],
    ['SHUTDOWN_DRAIN_SEC', '-1', 'must be a number from 0 to 3600 (seconds)'],
    ['HEADERS_TIMEOUT_MS', '0', 'must be an integer from 1 to 3600000 (milliseconds)'],
    ['REQUEST_TIMEOUT_MS', '1.5', 'must be an integer from 1 to 3600000 (milliseconds)'],
    ['KEEP_ALIVE_TIMEOUT_MS', '5s', 'must be an integer from 1 to 3600000 (milliseconds)'],
    ['CONNECTIONS_CHECK_INTERVAL_MS', '-5', 'must be an integer from 1 to 3600000 (milliseconds)'],
    ['MAX_REQUESTS_PER_SOCKET', '-1', 'must be an integer from 0 (unlimited) to 1000000'],
    ['GREETING_RELOAD_SEC', '0', 'must be a number from 0.1 to 3600 (seconds)'],
  ];
  for (const [name, value, allowed] of cases) {
    it(`rejects ${name}=${JSON.stringify(value)} naming the variable, value and allowed range`, () => {
      assert.deepEqual(errorsOf({ [name]: value }), [`${name}=${JSON.stringify(value)}: ${allowed}`]);
    });
  }

  it('reports every invalid variable, in one line', () => {
    const errors = errorsOf({ PORT: 'abc', FAIL_RATE: '1.5', READINESS_DELAY_SEC: '-3' });
    assert.equal(errors.length, 3);
    const line = formatConfigErrors(errors);
    assert.equal(line.includes('\n'), false);
    assert.match(line, /^invalid environment: /);
    assert.ok(line.includes('PORT="abc": must be an integer from 1 to 65535'));
    assert.ok(line.includes('FAIL_RATE="1.5": must be a number from 0 to 1'));
    assert.ok(line.includes('READINESS_DELAY_SEC="-3": must be a number from 0 to 86400 (seconds)'));
  });

  it('keeps the message on one line even when a value contains a newline', () => {
    const line = formatConfigErrors(errorsOf({ PORT: '80\n81' }));
    assert.equal(line, 'invalid environment: PORT="80\\n81": must be an integer from 1 to 65535');
  });

  it('checks cross-field constraints', () => {
    assert.deepEqual(errorsOf({ WORK_MIN_MS: '50', WORK_MAX_MS: '10' }), ['WORK_MAX_MS="10": must be at least WORK_MIN_MS (50)']);
    assert.deepEqual(errorsOf({ HEADERS_TIMEOUT_MS: '30000' }),
      ['HEADERS_TIMEOUT_MS="30000": must be at most REQUEST_TIMEOUT_MS (20000)']);
  });

  it('refuses the retired SHUTDOWN_DELAY_SEC instead of silently ignoring it', () => {
    assert.deepEqual(errorsOf({ SHUTDOWN_DELAY_SEC: '5' }),
      ['SHUTDOWN_DELAY_SEC="5": no longer read; set SHUTDOWN_DRAIN_SEC (seconds of serving with Connection: close after SIGTERM)']);
  });

  it('never includes the greeting in the loggable config', () => {
    const logged = JSON.stringify(loggableConfig(ok({ GREETING: 'top-secret-greeting' })));
    assert.equal(logged.includes('top-secret-greeting'), false);
    assert.ok(logged.includes('"failRate":0'));
  });
});
