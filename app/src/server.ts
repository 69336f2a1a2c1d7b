// CLI entry point (`node dist/server.js`): read the environment, start the
// service, and turn SIGTERM/SIGINT into a graceful shutdown. Everything that
// is not process-level glue lives in service.ts so tests can run it in-process.

import { formatConfigErrors, loggableConfig, parseConfig } from './config';
import { createLogger } from './logger';
import { GreetingFileError } from './greeting';
import { createService, type Service } from './service';

export function main(env: NodeJS.ProcessEnv = process.env): void {
  const parsed = parseConfig(env);
  if (!parsed.ok) {
    // One plain line on stderr: readable in `kubectl logs` and in a terminal,
    // naming every bad variable so one restart cycle is enough to fix them all.
    process.stderr.write(`${formatConfigErrors(parsed.errors)}\n`);
    process.exit(1);
  }
  const config = parsed.config;
  const logger = createLogger();

  process.on('uncaughtException', (err) => {
    logger.error('uncaught exception', { err });
    process.exit(1);
  });
  process.on('unhandledRejection', (err) => {
    logger.error('unhandled rejection', { err });
    process.exit(1);
  });

  let service: Service;
  try {
    service = createService(config, { logger });
  } catch (err) {
    if (!(err instanceof GreetingFileError)) throw err;
    // Same one-line form as any other bad environment: it names the variable and what is wrong.
    process.stderr.write(`${formatConfigErrors([err.message])}\n`);
    process.exit(1);
  }

  const onSignal = (signal: NodeJS.Signals): void => {
    if (service.isShuttingDown()) {
      // A second Ctrl-C means "now": don't make a human wait for the drain.
      logger.warn('second signal during shutdown, exiting immediately', { signal });
      service.forceClose();
      process.exit(1);
    }
    logger.info('shutdown started', {
      signal,
      drainSec: config.shutdownDrainSec,
      timeoutSec: config.shutdownTimeoutSec,
    });
    service.shutdown().then(
      (result) => {
        logger.info('shutdown complete', { signal, ...result });
        // Exit explicitly: default-metric timers and observers would otherwise
        // keep the event loop alive. Non-zero if we had to cut requests off.
        process.exit(result.forced ? 1 : 0);
      },
      (err: unknown) => {
        logger.error('shutdown failed', { err });
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);

  service.listen().then(
    (address) => {
      logger.info('listening', {
        address: address.address,
        port: address.port,
        pid: process.pid,
        node: process.version,
        startupMs: Math.round(process.uptime() * 1000),
        config: loggableConfig(config),
      });
    },
    (err: unknown) => {
      logger.error('failed to listen', { err, port: config.port, host: config.host ?? null });
      process.exit(1);
    },
  );
}

if (require.main === module) main();
