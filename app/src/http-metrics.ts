// The per-request counter and histogram, recorded without allocating.
//
// Why not prom-client's Counter/Histogram here: on every observe they build a
// label hash string, validate labels and allocate closures/objects. Measured
// on the 2-core bench machine, that cost the service ~4 us CPU and 10-20% of
// /healthz throughput against a bare node:http server. Here each
// {method,route,code} series is a small record found through nested Maps (no
// allocation after the first request of a series) and updated in place.
//
// The two objects below plug into a prom-client Registry via its public
// registerMetric(): the registry calls get() at scrape time and does all the
// text formatting, so the exposition is byte-for-byte what prom-client's own
// classes produce (test/http-metrics.test.ts compares the two).

import type { Registry } from 'prom-client';

export interface HttpLabels {
  method: string;
  route: string;
  code: string;
}

interface Series {
  labels: HttpLabels;
  count: number;
  sum: number;
  /** Observations per bucket (not cumulative); index = position in `bounds`. */
  perBucket: Float64Array;
  /** False for series only ever counted (no duration known): the histogram leaves them out. */
  timed: boolean;
}

interface Sample {
  labels: Record<string, string | number>;
  value: number;
  metricName?: string;
}

/** The shape prom-client's Registry reads from a metric (see MetricObjectWithValues). */
interface Collectable {
  name: string;
  help: string;
  type: 'counter' | 'histogram';
  aggregator: 'sum';
  get(): Promise<{ name: string; help: string; type: string; aggregator: 'sum'; values: Sample[] }>;
  reset(): void;
}

export interface HttpMetricsOptions {
  counterName: string;
  counterHelp: string;
  histogramName: string;
  histogramHelp: string;
  /** Histogram upper bounds in seconds, ascending. */
  buckets: readonly number[];
}

export class HttpRequestMetrics {
  private readonly bounds: Float64Array;
  private readonly series: Series[] = [];
  // method -> route -> code -> series
  private readonly index = new Map<string, Map<string, Map<number, Series>>>();

  constructor(private readonly options: HttpMetricsOptions) {
    const b = [...options.buckets];
    if (b.some((x, i) => !Number.isFinite(x) || (i > 0 && x <= (b[i - 1] as number)))) {
      throw new Error('histogram buckets must be finite and strictly ascending');
    }
    this.bounds = Float64Array.from(b);
  }

  /** Record one finished request in both the counter and the histogram. */
  observe(method: string, route: string, code: number, seconds: number): void {
    const s = this.seriesFor(method, route, code);
    s.timed = true;
    s.count += 1;
    s.sum += seconds;
    const bounds = this.bounds;
    let i = 0;
    while (i < bounds.length && seconds > (bounds[i] as number)) i++;
    if (i < bounds.length) s.perBucket[i] = (s.perBucket[i] as number) + 1;
  }

  /**
   * Export a series at 0 before its first request. A counter series that first
   * appears at 1 has no earlier sample, so rate() never counts that first
   * request: the first 5xx of an outage would be lost to the error ratio.
   */
  declare(method: string, route: string, code: number): void {
    this.seriesFor(method, route, code).timed = true;
  }

  /** Count a request in the counter only: one with no meaningful duration (rejected by the parser). */
  count(method: string, route: string, code: number): void {
    this.seriesFor(method, route, code).count += 1;
  }

  /** Add both metrics to a registry (they render through its formatter). */
  registerIn(registry: Registry): void {
    // registerMetric is typed for prom-client's own classes; at runtime it
    // only needs name/type/help and get(), which Collectable provides.
    registry.registerMetric(this.counter() as unknown as Parameters<Registry['registerMetric']>[0]);
    registry.registerMetric(this.histogram() as unknown as Parameters<Registry['registerMetric']>[0]);
  }

  private seriesFor(method: string, route: string, code: number): Series {
    let byRoute = this.index.get(method);
    if (byRoute === undefined) this.index.set(method, (byRoute = new Map()));
    let byCode = byRoute.get(route);
    if (byCode === undefined) byRoute.set(route, (byCode = new Map()));
    let s = byCode.get(code);
    if (s === undefined) {
      s = { labels: { method, route, code: String(code) }, count: 0, sum: 0, perBucket: new Float64Array(this.bounds.length), timed: false };
      byCode.set(code, s);
      this.series.push(s);
    }
    return s;
  }

  private counter(): Collectable {
    const { counterName: name, counterHelp: help } = this.options;
    return {
      name, help, type: 'counter', aggregator: 'sum',
      get: () => Promise.resolve({
        name, help, type: 'counter', aggregator: 'sum',
        values: this.series.map((s) => ({ labels: { ...s.labels }, value: s.count })),
      }),
      reset: () => this.reset(),
    };
  }

  private histogram(): Collectable {
    const { histogramName: name, histogramHelp: help } = this.options;
    return {
      name, help, type: 'histogram', aggregator: 'sum',
      get: () => {
        const values: Sample[] = [];
        // Same order and label layout as prom-client's Histogram: le first,
        // cumulative buckets, then +Inf, _sum and _count per series.
        for (const s of this.series) {
          if (!s.timed) continue;
          let cumulative = 0;
          for (let i = 0; i < this.bounds.length; i++) {
            cumulative += s.perBucket[i] as number;
            values.push({ labels: { le: this.bounds[i] as number, ...s.labels }, value: cumulative, metricName: `${name}_bucket` });
          }
          values.push({ labels: { le: '+Inf', ...s.labels }, value: s.count, metricName: `${name}_bucket` });
          values.push({ labels: { ...s.labels }, value: s.sum, metricName: `${name}_sum` });
          values.push({ labels: { ...s.labels }, value: s.count, metricName: `${name}_count` });
        }
        return Promise.resolve({ name, help, type: 'histogram', aggregator: 'sum', values });
      },
      reset: () => this.reset(),
    };
  }

  private reset(): void {
    for (const s of this.series) {
      s.count = 0;
      s.sum = 0;
      s.perBucket.fill(0);
    }
  }
}
