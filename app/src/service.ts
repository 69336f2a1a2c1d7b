// Server lifecycle: create, listen, graceful shutdown. No environment or signal
// handling here, so tests can run any number of services in one process.

import type { Server } from 'node:http';
import { Server as NetServer, type AddressInfo } from 'node:net';
import { createClientErrorHandler } from './client-errors';
import type { Config } from './config';
import { createGreetingSource } from './greeting';
import { silentLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { createRequestHandler, USER_ROUTES } from './routes';
import { createLimitedServer } from './server-options';

export interface ServiceOptions {
  logger?: Logger;
  /** Injectable randomness for /work's failure decision and latency. */
  random?: () => number;
}

export interface ShutdownResult {
  /** True when the hard timeout expired and connections were cut. */
  forced: boolean;
  durationMs: number;
}

export interface Service {
  readonly server: Server;
  readonly metrics: Metrics;
  /** Listen on config.port/config.host unless overridden (tests pass port 0). */
  listen(port?: number, host?: string): Promise<AddressInfo>;
  /**
   * Graceful shutdown (README "Shutdown"): report not-ready at once and drain
   * for shutdownDrainSec, then stop accepting, tell every remaining connection to close on
   * its next response, close the ones still idle after LAST_CALL_MS, and wait for in-flight
   * requests, cutting them off shutdownTimeoutSec after the listener closed.
   * Idempotent: later calls return the same promise.
   */
  shutdown(): Promise<ShutdownResult>;
  /** Cut every connection now (second signal, or the hard timeout). */
  forceClose(): void;
  isReady(): boolean;
  isShuttingDown(): boolean;
}

/**
 * After the listener closes, how long connections get to receive their `Connection: close`
 * on a response before those still idle are closed. An idle keep-alive socket closed by the
 * server can cross a request the client is sending on it (the client sees a reset), so idle
 * sockets are only closed once every active client has had a response telling it to leave.
 */
export const LAST_CALL_MS = 1000;

/** Marks connections accepted during the drain (they arrived through a stale route). */
const ACCEPTED_WHILE_DRAINING = Symbol('acceptedWhileDraining');
interface MarkedSocket { [ACCEPTED_WHILE_DRAINING]?: true }

/** Throws GreetingFileError when GREETING_FILE is set but unreadable. */
export function createService(config: Config, options: ServiceOptions = {}): Service {
  const logger = options.logger ?? silentLogger;
  const greeting = createGreetingSource(config, logger);
  // Every user route's success and failure series exist from start-up, so the first 5xx is counted.
  const metrics = createMetrics(USER_ROUTES);
  // Readiness counts from service creation (i.e. process start for the CLI),
  // on the monotonic clock so wall-clock jumps cannot flip it.
  const readyAt = performance.now() + config.readinessDelaySec * 1000;
  let shuttingDown = false;
  let listenerClosed = false;
  let shutdownPromise: Promise<ShutdownResult> | undefined;

  const lifecycle = {
    isShuttingDown: () => shuttingDown,
    isReady: () => !shuttingDown && performance.now() >= readyAt,
    // During the drain only connections from before the signal are released: a client told
    // to leave reconnects, and if it reaches this pod again (a stale route) it keeps that new
    // connection until the listener closes. So connecting stops soon after the signal, and no
    // connection is half-way through being accepted when the listener closes (the kernel
    // resets connections still queued for accept). Once the listener is closed, all are released.
    mustRelease: (socket: object) => listenerClosed || (socket as MarkedSocket)[ACCEPTED_WHILE_DRAINING] !== true,
  };

  const handlerDeps = { config, metrics, logger, lifecycle, greeting, ...(options.random ? { random: options.random } : {}) };
  const server = createLimitedServer(config, createRequestHandler(handlerDeps));
  server.on('clientError', createClientErrorHandler(metrics.countRequest));
  server.on('connection', (socket: MarkedSocket) => {
    if (shuttingDown) socket[ACCEPTED_WHILE_DRAINING] = true;
  });

  const listen = (port = config.port, host = config.host): Promise<AddressInfo> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ port, host }, () => {
        server.off('error', reject);
        greeting.start();
        resolve(server.address() as AddressInfo);
      });
    });

  const forceClose = (): void => {
    greeting.stop();
    server.closeAllConnections();
  };

  const shutdown = (): Promise<ShutdownResult> => {
    if (shutdownPromise) return shutdownPromise;
    shuttingDown = true;
    greeting.stop();
    const started = performance.now();
    shutdownPromise = new Promise<ShutdownResult>((resolve) => {
      let settled = false;
      let drainTimer: NodeJS.Timeout | undefined;
      let hardStop: NodeJS.Timeout | undefined;
      let lastCall: NodeJS.Timeout | undefined;
      const finish = (forced: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(hardStop);
        clearTimeout(drainTimer);
        clearTimeout(lastCall);
        server.close(); // stops the headers/request deadline checks; nothing else is left open
        resolve({ forced, durationMs: Math.round(performance.now() - started) });
      };

      const closeListener = (): void => {
        listenerClosed = true;
        if (!server.listening) return finish(false);
        hardStop = setTimeout(() => {
          logger.warn('shutdown timeout reached, closing remaining connections', {
            timeoutSec: config.shutdownTimeoutSec,
          });
          forceClose();
          finish(true);
        }, config.shutdownTimeoutSec * 1000);
        hardStop.unref();
        // net.Server's close only stops accepting; http.Server's close would also drop idle
        // keep-alive sockets at once, under requests their clients may be sending. The
        // callback runs once the last connection is gone.
        NetServer.prototype.close.call(server, () => finish(false));
        lastCall = setTimeout(() => server.closeIdleConnections(), Math.min(LAST_CALL_MS, config.shutdownTimeoutSec * 1000));
        lastCall.unref();
      };
      if (config.shutdownDrainSec > 0) {
        logger.info('draining: serving with Connection: close before closing the listener', {
          drainSec: config.shutdownDrainSec,
        });
        drainTimer = setTimeout(closeListener, config.shutdownDrainSec * 1000);
      } else {
        closeListener();
      }
    });
    return shutdownPromise;
  };

  return {
    server,
    metrics,
    listen,
    shutdown,
    forceClose,
    isReady: lifecycle.isReady,
    isShuttingDown: lifecycle.isShuttingDown,
  };
}
