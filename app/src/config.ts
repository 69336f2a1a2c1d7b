// Environment parsing and validation. Pure (no I/O) so it can be unit tested
// and so the CLI can report every problem at once before anything starts.

export interface Config {
  /** TCP port to listen on (1..65535). */
  port: number;
  /** Bind address; undefined means all interfaces (Node's default). */
  host: string | undefined;
  /** Seconds after start before /readyz reports ready. */
  readinessDelaySec: number;
  /** Probability (0..1) that GET /work answers 500. */
  failRate: number;
  /** Text returned by / and /work. Never logged: it may be user supplied content. */
  greeting: string;
  /** File holding the greeting (a mounted Secret key); when set it wins over GREETING
   *  and is re-read every greetingReloadSec, so a changed Secret reaches a running process. */
  greetingFile: string | undefined;
  greetingReloadSec: number;
  /** After SIGTERM, keep serving (listener open, /readyz 503, every response carrying
   *  `Connection: close`) this long, so each keep-alive client is told to leave on a
   *  response instead of having its socket closed under a request it is sending. */
  shutdownDrainSec: number;
  /** Hard stop: once the drain is over and the listener closed, in-flight requests get
   *  this long before remaining connections are cut (exit 1). */
  shutdownTimeoutSec: number;
  /** Node's server timeouts; see server-options.ts for why each value. */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  keepAliveTimeoutMs: number;
  connectionsCheckingIntervalMs: number;
  /** 0 = unlimited. */
  maxRequestsPerSocket: number;
  /** Log one line per request (off by default: per-request logs are noise at volume). */
  logRequests: boolean;
  /** Simulated latency range of GET /work, in milliseconds. */
  workMinMs: number;
  workMaxMs: number;
}

export const DEFAULTS = {
  port: 8000,
  readinessDelaySec: 0,
  failRate: 0,
  greeting: 'hello',
  greetingReloadSec: 5,
  shutdownDrainSec: 5,
  shutdownTimeoutSec: 20,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 20_000,
  keepAliveTimeoutMs: 65_000,
  connectionsCheckingIntervalMs: 1_000,
  maxRequestsPerSocket: 1_000,
  logRequests: false,
  workMinMs: 5,
  workMaxMs: 30,
} as const;

export type ParseResult = { ok: true; config: Config } | { ok: false; errors: string[] };

// Strict decimal syntax: Number() alone would accept "", " ", "0x10", "1e400" -> Infinity.
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^[+-]?\d+$/;

/** Quote a value for the one-line error message: JSON escaping keeps newlines out. */
function quote(value: string): string {
  const shown = value.length > 64 ? `${value.slice(0, 64)}...` : value;
  return JSON.stringify(shown);
}

/**
 * Parse and validate the service environment. An empty value counts as unset
 * (orchestrators often render optional variables as ""), so the default applies.
 */
export function parseConfig(env: NodeJS.ProcessEnv): ParseResult {
  const errors: string[] = [];

  const get = (name: string): string | undefined => {
    const v = env[name];
    return v === undefined || v === '' ? undefined : v;
  };

  const number = (name: string, def: number, min: number, max: number, allowed: string, integer = false): number => {
    const raw = get(name);
    if (raw === undefined) return def;
    const n = Number(raw);
    const syntaxOk = (integer ? INTEGER : DECIMAL).test(raw);
    if (!syntaxOk || !Number.isFinite(n) || n < min || n > max) {
      errors.push(`${name}=${quote(raw)}: ${allowed}`);
      return def;
    }
    return n;
  };

  const boolean = (name: string, def: boolean): boolean => {
    const raw = get(name);
    if (raw === undefined) return def;
    const v = raw.toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    errors.push(`${name}=${quote(raw)}: must be one of true, false, 1, 0`);
    return def;
  };

  const port = number('PORT', DEFAULTS.port, 1, 65535, 'must be an integer from 1 to 65535', true);
  const host = get('HOST');
  const readinessDelaySec = number(
    'READINESS_DELAY_SEC', DEFAULTS.readinessDelaySec, 0, 86400, 'must be a number from 0 to 86400 (seconds)');
  const failRate = number('FAIL_RATE', DEFAULTS.failRate, 0, 1, 'must be a number from 0 to 1');
  const greeting = get('GREETING') ?? DEFAULTS.greeting;
  const greetingFile = get('GREETING_FILE');
  const greetingReloadSec = number(
    'GREETING_RELOAD_SEC', DEFAULTS.greetingReloadSec, 0.1, 3600, 'must be a number from 0.1 to 3600 (seconds)');
  const shutdownDrainSec = number(
    'SHUTDOWN_DRAIN_SEC', DEFAULTS.shutdownDrainSec, 0, 3600, 'must be a number from 0 to 3600 (seconds)');
  const shutdownTimeoutSec = number(
    'SHUTDOWN_TIMEOUT_SEC', DEFAULTS.shutdownTimeoutSec, 0.1, 3600, 'must be a number from 0.1 to 3600 (seconds)');
  const ms = (name: string, def: number, min: number): number =>
    number(name, def, min, 3_600_000, `must be an integer from ${min} to 3600000 (milliseconds)`, true);
  const headersTimeoutMs = ms('HEADERS_TIMEOUT_MS', DEFAULTS.headersTimeoutMs, 1);
  const requestTimeoutMs = ms('REQUEST_TIMEOUT_MS', DEFAULTS.requestTimeoutMs, 1);
  const keepAliveTimeoutMs = ms('KEEP_ALIVE_TIMEOUT_MS', DEFAULTS.keepAliveTimeoutMs, 1);
  const connectionsCheckingIntervalMs = ms('CONNECTIONS_CHECK_INTERVAL_MS', DEFAULTS.connectionsCheckingIntervalMs, 1);
  const maxRequestsPerSocket = number(
    'MAX_REQUESTS_PER_SOCKET', DEFAULTS.maxRequestsPerSocket, 0, 1_000_000,
    'must be an integer from 0 (unlimited) to 1000000', true);
  const logRequests = boolean('LOG_REQUESTS', DEFAULTS.logRequests);
  const workMinMs = number('WORK_MIN_MS', DEFAULTS.workMinMs, 0, 60000, 'must be an integer from 0 to 60000', true);
  const workMaxMs = number('WORK_MAX_MS', DEFAULTS.workMaxMs, 0, 60000, 'must be an integer from 0 to 60000', true);

  // Cross-field rules: reported against the variable that breaks them, showing
  // the effective (possibly default) value of the other one.
  if (workMinMs > workMaxMs) {
    errors.push(`WORK_MAX_MS=${quote(String(workMaxMs))}: must be at least WORK_MIN_MS (${workMinMs})`);
  }
  // Node refuses a server whose headers deadline lies beyond its whole-request deadline.
  if (headersTimeoutMs > requestTimeoutMs) {
    errors.push(
      `HEADERS_TIMEOUT_MS=${quote(String(headersTimeoutMs))}: must be at most REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  }
  const retired = get('SHUTDOWN_DELAY_SEC');
  if (retired !== undefined) {
    errors.push(`SHUTDOWN_DELAY_SEC=${quote(retired)}: no longer read; set SHUTDOWN_DRAIN_SEC (seconds of serving with Connection: close after SIGTERM)`);
  }

  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    config: {
      port, host, readinessDelaySec, failRate, greeting, greetingFile, greetingReloadSec,
      shutdownDrainSec, shutdownTimeoutSec, headersTimeoutMs, requestTimeoutMs, keepAliveTimeoutMs,
      connectionsCheckingIntervalMs, maxRequestsPerSocket, logRequests, workMinMs, workMaxMs,
    },
  };
}

/** The single line printed before exiting 1 on bad configuration. */
export function formatConfigErrors(errors: string[]): string {
  return `invalid environment: ${errors.join('; ')}`;
}

/** Config as logged at startup: the greeting's content is deliberately left out. */
export function loggableConfig(config: Config): Record<string, unknown> {
  const { greeting, ...rest } = config;
  return { ...rest, greetingIsDefault: greeting === DEFAULTS.greeting };
}
