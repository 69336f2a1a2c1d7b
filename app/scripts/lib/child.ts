// Spawning the real CLI (dist/server.js) as a child process, for tests and
// benchmarks that need the process-level behaviour: env validation, signals,
// startup time, and a server that does not share an event loop with its client.

import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { SERVER_ENTRY } from './paths';

/** A free TCP port on 127.0.0.1, chosen by the OS (bind to 0, read, release). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface LogLine {
  msg?: string;
  [key: string]: unknown;
}

export interface Spawned {
  child: ChildProcess;
  /** Milliseconds from just before spawn() to the 'listening' log line. */
  readyMs: number;
  port: number;
  baseUrl: string;
  /** JSON log lines seen so far on stdout (non-JSON lines are kept as {raw}). */
  logs: LogLine[];
  stderr(): string;
  /** Resolves with the exit code (or signal name) once the process exits. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kill with SIGKILL if still running (test cleanup). */
  kill(): void;
}

export interface SpawnOptions {
  entry?: string;
  env?: Record<string, string>;
  /** Give up waiting for 'listening' after this long. */
  timeoutMs?: number;
}

/** Minimal environment: no inherited PORT/FAIL_RATE etc. can leak into a test. */
function baseEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const k of ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ']) {
    const v = process.env[k];
    if (v !== undefined) env[k] = v;
  }
  return env;
}

/**
 * Spawn the service (or another entry that logs {"msg":"listening"} with a
 * port field) and wait until it listens. Rejects with its output if it exits first.
 */
export function spawnServer(options: SpawnOptions = {}): Promise<Spawned> {
  const entry = options.entry ?? SERVER_ENTRY;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const started = performance.now();
  const child = spawn(process.execPath, [entry], {
    env: { ...baseEnv(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  let stderr = '';
  let buffered = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => { stderr += chunk; });
  child.stdout?.setEncoding('utf8');

  return new Promise<Spawned>((resolve, reject) => {
    let done = false;
    const fail = (why: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${why}; stdout=${JSON.stringify(logs)} stderr=${JSON.stringify(stderr)}`));
    };
    const timer = setTimeout(() => fail(`no 'listening' log within ${timeoutMs} ms`), timeoutMs);
    child.stdout?.on('data', (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        let parsed: LogLine;
        try {
          parsed = JSON.parse(line) as LogLine;
        } catch {
          parsed = { raw: line };
        }
        logs.push(parsed);
        if (!done && parsed.msg === 'listening' && typeof parsed['port'] === 'number') {
          done = true;
          clearTimeout(timer);
          const port = parsed['port'];
          resolve({
            child,
            readyMs: performance.now() - started,
            port,
            baseUrl: `http://127.0.0.1:${port}`,
            logs,
            stderr: () => stderr,
            exited,
            kill: () => { if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL'); },
          });
        }
      }
    });
    void exited.then(({ code, signal }) => fail(`exited before listening (code ${code}, signal ${signal})`));
  });
}
