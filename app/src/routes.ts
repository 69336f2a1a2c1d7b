// Request routing and handlers. Every request is measured here, once, when the
// response ends (or the connection drops), whatever the outcome: the service
// this replaces only observed latency on failures, which skewed every percentile.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from './config';
import type { GreetingSource } from './greeting';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { methodLabel } from './metrics';
import { UNMATCHED_ROUTE } from './metric-names';
import { simulateWork } from './work';

/** Status recorded when the client went away before the response finished (nginx's convention). */
export const CLIENT_CLOSED_REQUEST = 499;

/** The routes the service serves; anything else is 404 with route="unmatched". */
export const ROUTES = ['/', '/healthz', '/readyz', '/work', '/metrics'] as const;
/** The routes users call (the SLI's traffic); the rest serve kubelet probes and Prometheus. */
export const USER_ROUTES = ['/', '/work'] as const satisfies readonly (typeof ROUTES)[number][];
const ROUTE_SET: ReadonlySet<string> = new Set(ROUTES);

/** HEAD is allowed wherever GET is (HTTP semantics; Node drops the body itself). */
const ALLOWED_METHODS = 'GET, HEAD';

export interface Lifecycle {
  /** True once the readiness delay has passed and shutdown has not begun. */
  isReady(): boolean;
  /** True from the moment shutdown() starts (the CLI calls it on SIGTERM/SIGINT). */
  isShuttingDown(): boolean;
  /** During shutdown: whether a response on this connection must carry `Connection: close`. */
  mustRelease(socket: object): boolean;
}

export interface HandlerDeps {
  config: Config;
  metrics: Metrics;
  logger: Logger;
  lifecycle: Lifecycle;
  /** The current greeting (it may change at runtime when read from a file). */
  greeting: Pick<GreetingSource, 'current'>;
  /** Injectable for tests; defaults to Math.random. */
  random?: () => number;
}

/**
 * The path of a request target, without the query. Besides the usual origin-form (`/healthz?x`),
 * servers must accept absolute-form (`http://host/healthz`, RFC 9112 section 3.2.2), which clients
 * send through forward proxies: the path starts at the first `/` after the authority (none = `/`).
 */
export function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  let start = 0;
  if (url.charCodeAt(0) !== 0x2f /* '/' */) {
    const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
    if (scheme !== null) {
      const slash = url.indexOf('/', scheme[0].length);
      const query = url.indexOf('?', scheme[0].length);
      if (slash === -1 || (query !== -1 && query < slash)) return '/';
      start = slash;
    }
  }
  const q = url.indexOf('?', start);
  return q === -1 ? (start === 0 ? url : url.slice(start)) : url.slice(start, q);
}

/** Requests served on a connection so far (a property on the socket: no map to keep in step). */
const SERVED = Symbol('requestsServed');
interface CountedSocket { [SERVED]?: number }

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, metrics, logger, lifecycle, greeting } = deps;
  const random = deps.random ?? Math.random;
  // Fixed bodies are built once; this handler runs for every probe and scrape.
  // The greeting's body is rebuilt only when the greeting itself changes.
  let greetingText = '';
  let greetingBody = '';
  const greetingBodyNow = (): string => {
    const text = greeting.current();
    if (text !== greetingText) {
      greetingText = text;
      greetingBody = `${text}\n`;
    }
    return greetingBody;
  };
  const notFoundBody = `${JSON.stringify({ error: 'not found' })}\n`;
  const notAllowedBody = `${JSON.stringify({ error: 'method not allowed', allow: ALLOWED_METHODS })}\n`;

  // After this many requests a connection's response carries `Connection: close` and the server
  // closes it, so clients with pooled keep-alive connections reconnect, and the new connections
  // reach pods the HPA added. 1000 costs one TCP handshake per 1000 requests; without a limit a
  // client's pool stays on the pods it first reached. 0 = no limit.
  const maxPerSocket = config.maxRequestsPerSocket;
  const lastOnConnection = (res: ServerResponse): boolean => {
    if (maxPerSocket === 0) return false;
    const socket = res.req.socket as CountedSocket;
    const served = (socket[SERVED] ?? 0) + 1;
    socket[SERVED] = served;
    return served >= maxPerSocket;
  };

  function send(res: ServerResponse, status: number, contentType: string, body: string, allow?: string): undefined {
    const headers: Record<string, string | number> = {
      'Content-Type': contentType,
      'Content-Length': Buffer.byteLength(body),
    };
    if (allow !== undefined) headers['Allow'] = allow;
    // Decided when the response is written, not when the request arrived, so a
    // request that was in flight when SIGTERM came also releases its keep-alive
    // connection: clients then reconnect to another replica. A `Connection: close`
    // set here also makes Node close the socket right after the response.
    if (lifecycle.isShuttingDown() ? lifecycle.mustRelease(res.req.socket) : lastOnConnection(res)) {
      headers['Connection'] = 'close';
    }
    // One writeHead with all headers is cheaper than several setHeader calls.
    res.writeHead(status, headers);
    res.end(body);
    return undefined;
  }
  const sendJson = (res: ServerResponse, status: number, body: unknown): void =>
    send(res, status, JSON_TYPE, `${JSON.stringify(body)}\n`);

  async function work(res: ServerResponse): Promise<void> {
    const result = await simulateWork(config.workMinMs, config.workMaxMs, random);
    // The client may have hung up while we waited; writing would be pointless.
    if (res.destroyed) return;
    if (random() < config.failRate) {
      sendJson(res, 500, { error: 'simulated failure', workMs: round(result.elapsedMs) });
    } else {
      sendJson(res, 200, { greeting: greeting.current(), workMs: round(result.elapsedMs) });
    }
  }

  async function scrape(res: ServerResponse): Promise<void> {
    const body = await metrics.registry.metrics();
    send(res, 200, metrics.registry.contentType, body);
  }

  /** Answers synchronously where it can; returns a promise only for /work and /metrics. */
  function dispatch(route: string, req: IncomingMessage, res: ServerResponse): Promise<void> | undefined {
    if (route === UNMATCHED_ROUTE) return send(res, 404, JSON_TYPE, notFoundBody);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, JSON_TYPE, notAllowedBody, ALLOWED_METHODS);
    }
    switch (route) {
      case '/':
        return send(res, 200, TEXT, greetingBodyNow());
      case '/healthz':
        // Liveness stays 200 during shutdown: restarting a draining pod would cut requests.
        return send(res, 200, TEXT, 'ok\n');
      case '/readyz':
        if (lifecycle.isReady()) return send(res, 200, TEXT, 'ready\n');
        return send(res, 503, TEXT, lifecycle.isShuttingDown() ? 'shutting down\n' : 'starting\n');
      case '/metrics':
        return scrape(res);
      case '/work':
        return work(res);
      default:
        // Unreachable while ROUTES and this switch agree; fail loudly if they drift.
        throw new Error(`route ${route} has no handler`);
    }
  }

  function fail(err: unknown, res: ServerResponse, method: string, route: string): void {
    logger.error('request failed', { err, method, route });
    if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
    else res.destroy();
  }

  return (req, res) => {
    // performance.now(): monotonic, and a plain double (hrtime.bigint allocates).
    const start = performance.now();
    const path = pathOf(req.url);
    const route = ROUTE_SET.has(path) ? path : UNMATCHED_ROUTE;
    const method = methodLabel(req.method);
    metrics.requestStarted();

    // 'close' is emitted exactly once per response: right after 'finish' when
    // the response was sent, or when the connection dropped before that. One
    // listener therefore observes every request exactly once.
    res.on('close', () => {
      metrics.requestEnded();
      const code = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
      const seconds = (performance.now() - start) / 1000;
      metrics.observeRequest(method, route, code, seconds);
      if (config.logRequests) {
        logger.info('request', { method, path: path.slice(0, 200), route, code, durationMs: round(seconds * 1000) });
      }
    });

    try {
      dispatch(route, req, res)?.catch((err: unknown) => fail(err, res, method, route));
    } catch (err) {
      fail(err, res, method, route);
    }
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
