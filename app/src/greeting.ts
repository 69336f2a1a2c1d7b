// Where the greeting comes from. From GREETING (fixed for the life of the process), or from
// GREETING_FILE: a key of a Kubernetes Secret mounted as a volume. The kubelet rewrites such a
// file when the Secret changes (an env var from a Secret never changes in a running container),
// so the file is re-read on a timer and a changed greeting is served without a restart.
// Polling rather than fs.watch: the kubelet swaps a symlinked directory, which inotify reports
// unreliably across kernels and overlay filesystems; one small read every few seconds is nothing.

import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { DEFAULTS, type Config } from './config';
import type { Logger } from './logger';

export interface GreetingSource {
  current(): string;
  /** Start re-reading GREETING_FILE (no-op without one). */
  start(): void;
  stop(): void;
}

/** File content to greeting: one trailing newline dropped (editors and `echo` add it), empty = default. */
export function greetingFromFile(content: string): string {
  const text = content.endsWith('\r\n') ? content.slice(0, -2) : content.endsWith('\n') ? content.slice(0, -1) : content;
  return text === '' ? DEFAULTS.greeting : text;
}

/** Thrown at startup when GREETING_FILE cannot be read; the message names the variable and the path. */
export class GreetingFileError extends Error {}

function errorCode(err: unknown): string {
  return err instanceof Error && 'code' in err ? String(err.code) : String(err);
}

export function createGreetingSource(
  config: Pick<Config, 'greeting' | 'greetingFile' | 'greetingReloadSec'>, logger: Logger,
): GreetingSource {
  const file = config.greetingFile;
  if (file === undefined) {
    return { current: () => config.greeting, start: () => {}, stop: () => {} };
  }
  let greeting: string;
  try {
    greeting = greetingFromFile(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new GreetingFileError(`GREETING_FILE=${JSON.stringify(file)}: cannot be read (${errorCode(err)}); it must name a readable file`);
  }
  let timer: NodeJS.Timeout | undefined;
  let failing = false;
  let reading = false;

  const reload = async (): Promise<void> => {
    if (reading) return;
    reading = true;
    try {
      const next = greetingFromFile(await readFile(file, 'utf8'));
      if (failing) logger.info('greeting file readable again', { file });
      failing = false;
      if (next !== greeting) {
        greeting = next;
        // The value itself is never logged: it may be user-supplied content.
        logger.info('greeting reloaded', { file });
      }
    } catch (err) {
      // Keep serving the last good greeting; say so once per outage, not every few seconds.
      if (!failing) logger.warn('greeting file unreadable, keeping the current greeting', { file, code: errorCode(err) });
      failing = true;
    } finally {
      reading = false;
    }
  };

  return {
    current: () => greeting,
    start() {
      if (timer !== undefined) return;
      timer = setInterval(() => void reload(), config.greetingReloadSec * 1000);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
