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
    assert.equal(c.shutdownTimeoutSec, 25);
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
      SHUTDOWN_TIMEOUT_SEC: '10', SHUTDOWN_DELAY_SEC: '5', LOG_REQUESTS: 'true', WORK_MIN_MS: '0', WORK_MAX_MS: '0',
    });
    assert.deepEqual(
      [c.port, c.readinessDelaySec, c.failRate, c.greeting, c.shutdownTimeoutSec, c.shutdownDelaySec, c.logRequests],
      [65535, 2.5, 1, 'hi there', 10, 5, true]);
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
    assert.deepEqual(errorsOf({ SHUTDOWN_DELAY_SEC: '30' }),
      ['SHUTDOWN_DELAY_SEC="30": must be less than SHUTDOWN_TIMEOUT_SEC (25)']);
  });

  it('never includes the greeting in the loggable config', () => {
    const logged = JSON.stringify(loggableConfig(ok({ GREETING: 'top-secret-greeting' })));
    assert.equal(logged.includes('top-secret-greeting'), false);
    assert.ok(logged.includes('"failRate":0'));
  });
});
