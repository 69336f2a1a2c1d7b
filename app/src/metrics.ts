// Prometheus instrumentation. A dedicated Registry (not prom-client's global
// one) so several service instances can coexist in one process (tests) and no
// library can register surprise metrics into our /metrics output.

import type * as PromClient from 'prom-client';
import { HttpRequestMetrics } from './http-metrics';
import { DURATION_BUCKETS_SECONDS } from './latency-buckets';
import { HTTP_REQUESTS_IN_FLIGHT, HTTP_REQUESTS_TOTAL, HTTP_REQUEST_DURATION_SECONDS, OTHER_METHOD } from './metric-names';

/** Status codes of a user route whose series exist from start-up (at 0): success and the 500 a failure answers. */
export const DECLARED_CODES = [200, 500] as const;

// prom-client's index module also loads the Pushgateway (which pulls in
// https/tls), the cluster aggregator and Summary (tdigest), none of which this
// service uses: requiring only the parts we need saves ~5 MB of RSS per pod.
// The version is pinned exactly, and every test exercises these paths.
/* eslint-disable @typescript-eslint/no-require-imports */
const Registry = require('prom-client/lib/registry') as typeof PromClient.Registry;
const Gauge = require('prom-client/lib/gauge') as typeof PromClient.Gauge;
const collectDefaultMetrics = require('prom-client/lib/defaultMetrics') as typeof PromClient.collectDefaultMetrics;
/* eslint-enable @typescript-eslint/no-require-imports */


export const HTTP_REQUESTS_HELP = 'HTTP requests served, by method, route and status code.';
export const HTTP_DURATION_HELP =
  'HTTP request duration in seconds (from request arrival to response end), by method, route and status code.';

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']);

/** Bound the method label: anything unusual is counted as OTHER. */
export function methodLabel(method: string | undefined): string {
  return method !== undefined && KNOWN_METHODS.has(method) ? method : OTHER_METHOD;
}

export interface Metrics {
  registry: PromClient.Registry;
  /** Record one finished request. Called exactly once per request, whatever its outcome. */
  observeRequest(method: string, route: string, code: number, seconds: number): void;
  /** Count a request that has no duration (rejected by Node's parser): http_requests_total only. */
  countRequest(method: string, route: string, code: number): void;
  requestStarted(): void;
  requestEnded(): void;
}

/** `userRoutes`: GET routes whose success and failure series are exported at 0 from start-up. */
export function createMetrics(userRoutes: readonly string[] = []): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  // One record per series feeds both http_requests_total and the histogram,
  // so the counter and the histogram's _count agree on every timed series (route="rejected"
  // is counted only: a request the parser refused has no start time to measure from).
  const http = new HttpRequestMetrics({
    counterName: HTTP_REQUESTS_TOTAL,
    counterHelp: HTTP_REQUESTS_HELP,
    histogramName: HTTP_REQUEST_DURATION_SECONDS,
    histogramHelp: HTTP_DURATION_HELP,
    buckets: DURATION_BUCKETS_SECONDS,
  });
  http.registerIn(registry);
  for (const route of userRoutes) for (const code of DECLARED_CODES) http.declare('GET', route, code);

  // A plain number on the hot path; copied into the gauge only when scraped.
  let inFlight = 0;
  new Gauge({
    name: HTTP_REQUESTS_IN_FLIGHT,
    help: 'HTTP requests currently being served.',
    registers: [registry],
    collect() {
      this.set(inFlight);
    },
  });

  return {
    registry,
    observeRequest: (method, route, code, seconds) => http.observe(method, route, code, seconds),
    countRequest: (method, route, code) => http.count(method, route, code),
    requestStarted: () => { inFlight += 1; },
    requestEnded: () => { inFlight -= 1; },
  };
}
