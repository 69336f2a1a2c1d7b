// Prometheus instrumentation. A dedicated Registry (not prom-client's global
// one) so several service instances can coexist in one process (tests) and no
// library can register surprise metrics into our /metrics output.

import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import {
  HTTP_LABELS, HTTP_REQUESTS_IN_FLIGHT, HTTP_REQUESTS_TOTAL, HTTP_REQUEST_DURATION_SECONDS, OTHER_METHOD,
} from './metric-names';

/** Spans the fast endpoints (~1 ms) and /work (5-30 ms by default) with extra
 *  resolution there, up to 2.5 s so a slow dependency still lands in a bucket. */
export const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5];

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** Bound the method label: anything unusual is counted as OTHER. */
export function methodLabel(method: string | undefined): string {
  return method !== undefined && KNOWN_METHODS.has(method) ? method : OTHER_METHOD;
}

export interface Metrics {
  registry: Registry;
  /** Record one finished request. Called exactly once per request, whatever its outcome. */
  observeRequest(method: string, route: string, code: number, seconds: number): void;
  requestStarted(): void;
  requestEnded(): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const requests = new Counter({
    name: HTTP_REQUESTS_TOTAL,
    help: 'HTTP requests served, by method, route and status code.',
    labelNames: HTTP_LABELS,
    registers: [registry],
  });
  const duration = new Histogram({
    name: HTTP_REQUEST_DURATION_SECONDS,
    help: 'HTTP request duration in seconds (from request arrival to response end), by method, route and status code.',
    labelNames: HTTP_LABELS,
    buckets: DURATION_BUCKETS,
    registers: [registry],
  });
  const inFlight = new Gauge({
    name: HTTP_REQUESTS_IN_FLIGHT,
    help: 'HTTP requests currently being served.',
    registers: [registry],
  });

  return {
    registry,
    observeRequest(method, route, code, seconds) {
      // Same label object for both so the counter and histogram _count can never disagree.
      const labels = { method, route, code: String(code) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
    requestStarted: () => inFlight.inc(),
    requestEnded: () => inFlight.dec(),
  };
}
