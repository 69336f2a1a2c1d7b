// Structured logging: one JSON object per line on stdout, which is what
// container log collectors (kubelet -> Loki/Fluent Bit, etc.) parse best.

export type Level = 'info' | 'warn' | 'error';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Errors do not JSON.stringify (their fields are non-enumerable); flatten them. */
function serializeError(err: unknown): unknown {
  if (err instanceof Error) {
    return { name: err.name, message: err.message, stack: err.stack };
  }
  return err;
}

export function createLogger(write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const emit = (level: Level, msg: string, fields?: Record<string, unknown>): void => {
    const record: Record<string, unknown> = { time: new Date().toISOString(), level, msg };
    if (fields) {
      for (const [k, v] of Object.entries(fields)) record[k] = k === 'err' ? serializeError(v) : v;
    }
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      // A field that cannot be serialized (cycle, BigInt) must not take the process down.
      line = JSON.stringify({ time: record['time'], level, msg, note: 'fields not serializable' });
    }
    write(`${line}\n`);
  };
  return {
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
  };
}

/** For in-process tests and benchmarks that do not want output. */
export const silentLogger: Logger = { info: () => {}, warn: () => {}, error: () => {} };
