// A raw TCP client for what an HTTP client library will not do: trickle bytes, send
// malformed requests, and report exactly when and how the server closed the connection.

import { connect, type Socket } from 'node:net';

export interface RawConnection {
  socket: Socket;
  /** Everything the server sent so far. */
  received(): string;
  /** Resolves when the connection is closed, with the ms since connect and how it ended. */
  closed: Promise<{ ms: number; reset: boolean }>;
  /** Resolves once `text` has been received `times` times (rejects after `timeoutMs`). */
  waitFor(text: string, times?: number, timeoutMs?: number): Promise<void>;
  /** Write `chunk` every `everyMs` until the connection closes; returns a stop function. */
  drip(chunk: string, everyMs: number): () => void;
}

export function rawConnect(port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let data = '';
    let reset = false;
    const listeners = new Set<() => void>();
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => { data += chunk; for (const l of listeners) l(); });
    socket.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'ECONNRESET' || err.code === 'EPIPE') reset = true; });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      const connectedAt = performance.now();
      const closed = new Promise<{ ms: number; reset: boolean }>((done) => {
        socket.once('close', () => done({ ms: performance.now() - connectedAt, reset }));
      });
      resolve({
        socket,
        received: () => data,
        closed,
        waitFor: (text, times = 1, timeoutMs = 5000) => new Promise<void>((ok, fail) => {
          const check = (): void => {
            if (data.split(text).length - 1 < times) return;
            listeners.delete(check);
            clearTimeout(timer);
            ok();
          };
          const timer = setTimeout(() => { listeners.delete(check); fail(new Error(`no ${JSON.stringify(text)} within ${timeoutMs} ms; got ${JSON.stringify(data)}`)); }, timeoutMs);
          listeners.add(check);
          check();
        }),
        drip: (chunk, everyMs) => {
          const timer = setInterval(() => { if (!socket.destroyed && socket.writable) socket.write(chunk); }, everyMs);
          void closed.then(() => clearInterval(timer));
          return () => clearInterval(timer);
        },
      });
    });
  });
}
