// Server lifecycle: create, listen, graceful shutdown. No environment or signal
// handling here, so tests can run any number of services in one process.

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClientErrorHandler } from './client-errors';
import type { Config } from './config';
import { createGreetingSource } from './greeting';
import { silentLogger, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { createRequestHandler } from './routes';
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
   * Graceful shutdown: report not-ready at once and drain for shutdownDrainSec
   * (keep serving, every response carrying `Connection: close`, so keep-alive
   * clients leave on a response rather than have a socket closed under a request
   * they are sending); then stop accepting connections, close the keep-alive
   * connections still idle and wait for in-flight requests, cutting them off
   * after shutdownTimeoutSec. Idempotent: later calls return the same promise.
   */
  shutdown(): Promise<ShutdownResult>;
  /** Cut every connection now (second signal, or the hard timeout). */
  forceClose(): void;
  isReady(): boolean;
  isShuttingDown(): boolean;
}

/** Throws GreetingFileError when GREETING_FILE is set but unreadable. */
export function createService(config: Config, options: ServiceOptions = {}): Service {
  const logger = options.logger ?? silentLogger;
  const greeting = createGreetingSource(config, logger);
  const metrics = createMetrics();
  // Readiness counts from service creation (i.e. process start for the CLI),
  // on the monotonic clock so wall-clock jumps cannot flip it.
  const readyAt = performance.now() + config.readinessDelaySec * 1000;
  let shuttingDown = false;
  let shutdownPromise: Promise<ShutdownResult> | undefined;

  const lifecycle = {
    isShuttingDown: () => shuttingDown,
    isReady: () => !shuttingDown && performance.now() >= readyAt,
  };

  const handlerDeps = { config, metrics, logger, lifecycle, greeting, ...(options.random ? { random: options.random } : {}) };
  const server = createLimitedServer(config, createRequestHandler(handlerDeps));
  server.on('clientError', createClientErrorHandler(metrics.countRequest));

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
      const finish = (forced: boolean): void => {
        if (settled) return;
        settled = true;
        clearTimeout(hardStop);
        clearTimeout(drainTimer);
        resolve({ forced, durationMs: Math.round(performance.now() - started) });
      };

      const closeListener = (): void => {
        if (!server.listening) return finish(false);
        hardStop = setTimeout(() => {
          logger.warn('shutdown timeout reached, closing remaining connections', {
            timeoutSec: config.shutdownTimeoutSec,
          });
          forceClose();
          finish(true);
        }, config.shutdownTimeoutSec * 1000);
        hardStop.unref();
        // close() stops accepting and (Node >= 19) drops idle keep-alive sockets;
        // its callback runs once the last in-flight request's socket is gone.
        // Busy sockets close after their response because responses written
        // during shutdown carry "Connection: close".
        server.close(() => finish(false));
        server.closeIdleConnections();
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
