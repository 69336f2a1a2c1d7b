// The rollout probe: what a pod's clients see when Kubernetes stops it. N keep-alive clients
// (no retries) load the service, SIGTERM arrives mid-load, and every request must end in a
// response, or, once the listener has closed, in a clean connection refusal; never a reset.

import { Agent, request as httpRequest } from 'node:http';
import type { Spawned } from './child';

export interface ProbeOptions {
  server: Spawned;
  path: string;
  clients: number;
  /** Load before the signal. */
  signalAfterMs: number;
  /** The drain the service was started with: refusals before its end are failures. */
  drainMs: number;
  /** Give up (and report) if the process has not exited this long after the signal. */
  exitWithinMs: number;
}

export interface ProbeResult {
  responses: number;
  byStatus: Record<string, number>;
  /** Responses during shutdown that carried `Connection: close`. */
  closeResponses: number;
  /** ECONNREFUSED after the drain: the listener is gone, the client would go to another pod. */
  refused: number;
  /** ECONNREFUSED before the drain ended: the listener closed too early. */
  refusedEarly: number;
  /** ECONNRESET, EPIPE, socket hang up: a request lost on a connection the server cut. */
  resets: number;
  otherErrors: string[];
  exit: { code: number | null; signal: NodeJS.Signals | null } | 'timeout';
  exitMs: number;
}

const RESET = /ECONNRESET|EPIPE|socket hang up/;

function get(url: string, agent: Agent): Promise<{ status: number; close: boolean }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, close: res.headers.connection === 'close' }));
      res.on('error', reject);
    });
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

export async function runSigtermProbe(options: ProbeOptions): Promise<ProbeResult> {
  const { server } = options;
  // keepAlive with one socket per client: every client reuses its connection, as pooled
  // clients (ingress, service mesh, other services) do. Node's client never retries by itself.
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const url = `${server.baseUrl}${options.path}`;
  const result: ProbeResult = {
    responses: 0, byStatus: {}, closeResponses: 0, refused: 0, refusedEarly: 0, resets: 0, otherErrors: [],
    exit: 'timeout', exitMs: 0,
  };
  let signalledAt = Number.POSITIVE_INFINITY;
  let exited = false;
  const exit = server.exited.then((e) => { exited = true; return e; });

  const client = async (): Promise<void> => {
    while (!exited) {
      try {
        const r = await get(url, agent);
        result.responses += 1;
        result.byStatus[r.status] = (result.byStatus[r.status] ?? 0) + 1;
        if (r.close && performance.now() >= signalledAt) result.closeResponses += 1;
      } catch (err) {
        const text = String(err);
        if (/ECONNREFUSED/.test(text)) {
          if (performance.now() - signalledAt < options.drainMs) result.refusedEarly += 1;
          else result.refused += 1;
          return; // this client's next attempt would be refused too: it has moved on
        }
        if (RESET.test(text)) result.resets += 1;
        else result.otherErrors.push(text);
      }
    }
  };

  const clients = Array.from({ length: options.clients }, client);
  await new Promise((r) => setTimeout(r, options.signalAfterMs));
  signalledAt = performance.now();
  server.child.kill('SIGTERM');
  const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), options.exitWithinMs).unref());
  result.exit = await Promise.race([exit, timeout]);
  result.exitMs = performance.now() - signalledAt;
  if (result.exit === 'timeout') server.kill();
  exited = true;
  await Promise.all(clients);
  agent.destroy();
  return result;
}
