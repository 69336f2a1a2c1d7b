// Request routing and handlers. Every request is measured here, once, when the
// response ends (or the connection drops), whatever the outcome: the service
// this replaces only observed latency on failures, which skewed every percentile.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Metrics } from './metrics';
import { methodLabel } from './metrics';
import { UNMATCHED_ROUTE } from './metric-names';
import { simulateWork } from './work';

/** Status recorded when the client went away before the response finished (nginx's convention). */
export const CLIENT_CLOSED_REQUEST = 499;

/** The routes the service serves; anything else is 404 with route="unmatched". */
export const ROUTES = ['/', '/healthz', '/readyz', '/work', '/metrics'] as const;
const ROUTE_SET: ReadonlySet<string> = new Set(ROUTES);

/** HEAD is allowed wherever GET is (HTTP semantics; Node drops the body itself). */
const ALLOWED_METHODS = 'GET, HEAD';

export interface Lifecycle {
  /** True once the readiness delay has passed and shutdown has not begun. */
  isReady(): boolean;
  /** True from the moment SIGTERM/SIGINT (or close()) starts the shutdown. */
  isShuttingDown(): boolean;
}

export interface HandlerDeps {
  config: Config;
  metrics: Metrics;
  logger: Logger;
  lifecycle: Lifecycle;
  /** Injectable for tests; defaults to Math.random. */
  random?: () => number;
}

function pathOf(url: string | undefined): string {
  if (url === undefined) return '';
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

export function createRequestHandler(deps: HandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const { config, metrics, logger, lifecycle } = deps;
  const random = deps.random ?? Math.random;

  function send(res: ServerResponse, status: number, contentType: string, body: string): void {
    res.statusCode = status;
    res.setHeader('Content-Type', contentType);
    res.setHeader('Content-Length', Buffer.byteLength(body));
    // Decided when the response is written, not when the request arrived, so a
    // request that was in flight when SIGTERM came also releases its keep-alive
    // connection: clients then reconnect to another replica.
    if (lifecycle.isShuttingDown()) res.setHeader('Connection', 'close');
    res.end(body);
  }
  const sendText = (res: ServerResponse, status: number, body: string): void =>
    send(res, status, 'text/plain; charset=utf-8', `${body}\n`);
  const sendJson = (res: ServerResponse, status: number, body: unknown): void =>
    send(res, status, 'application/json; charset=utf-8', `${JSON.stringify(body)}\n`);

  async function work(res: ServerResponse): Promise<void> {
    const result = await simulateWork(config.workMinMs, config.workMaxMs, random);
    // The client may have hung up while we waited; writing would be pointless.
    if (res.destroyed) return;
    if (random() < config.failRate) {
      sendJson(res, 500, { error: 'simulated failure', workMs: round(result.elapsedMs) });
    } else {
      sendJson(res, 200, { greeting: config.greeting, workMs: round(result.elapsedMs) });
    }
  }

  async function dispatch(route: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (route === UNMATCHED_ROUTE) return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', ALLOWED_METHODS);
      return sendJson(res, 405, { error: 'method not allowed', allow: ALLOWED_METHODS });
    }
    switch (route) {
      case '/':
        return sendText(res, 200, config.greeting);
      case '/healthz':
        // Liveness stays 200 during shutdown: restarting a draining pod would cut requests.
        return sendText(res, 200, 'ok');
      case '/readyz':
        if (lifecycle.isReady()) return sendText(res, 200, 'ready');
        return sendText(res, 503, lifecycle.isShuttingDown() ? 'shutting down' : 'starting');
      case '/metrics': {
        const body = await metrics.registry.metrics();
        return send(res, 200, metrics.registry.contentType, body);
      }
      case '/work':
        return work(res);
      default:
        // Unreachable while ROUTES and this switch agree; fail loudly if they drift.
        throw new Error(`route ${route} has no handler`);
    }
  }

  return (req, res) => {
    const start = process.hrtime.bigint();
    const path = pathOf(req.url);
    const route = ROUTE_SET.has(path) ? path : UNMATCHED_ROUTE;
    const method = methodLabel(req.method);
    metrics.requestStarted();

    let recorded = false;
    const record = (): void => {
      if (recorded) return;
      recorded = true;
      metrics.requestEnded();
      const code = res.writableFinished ? res.statusCode : CLIENT_CLOSED_REQUEST;
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.observeRequest(method, route, code, seconds);
      if (config.logRequests) {
        logger.info('request', { method, path: path.slice(0, 200), route, code, durationMs: round(seconds * 1000) });
      }
    };
    // 'finish' = response fully handed to the OS; 'close' covers aborted connections.
    res.once('finish', record);
    res.once('close', record);

    dispatch(route, req, res).catch((err: unknown) => {
      logger.error('request failed', { err, method, route });
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  };
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
