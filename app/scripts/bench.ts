// `npm run bench`: compare the service with a bare node:http server under the
// same load, and check memory and startup targets. A benchmark, not a test:
// it prints figures and PASS/MISS; `--strict` makes a MISS exit 1.
//
// Both servers run as child processes (spawned from dist/), never in this
// process: the load generator (autocannon) then has its own event loop and
// core, and neither server pays for the other's GC or timers. In-process, the
// client and server would share one thread and we would mostly measure
// autocannon. Traffic goes to 127.0.0.1 only, bounded in time and count.

import { readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort, spawnServer, type Spawned } from './lib/child';
import { request } from './lib/http-client';
import { runLoad, type LoadSummary } from './lib/load-runner';
import { APP_ROOT } from './lib/paths';
import { parseExposition } from './lib/prom-text';
import { HTTP_REQUESTS_TOTAL } from '../src/metric-names';

const TARGETS = { throughputRatio: 0.9, rssMb: 80, startupMs: 300 };
const BARE_ENTRY = path.join(APP_ROOT, 'build', 'scripts', 'bare-server.js');

function rssMb(pid: number): number {
  // VmRSS from /proc is what the kernel (and the cgroup memory limit) counts.
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1]);
  return kb / 1024;
}

/** User+system CPU milliseconds of a process, all threads (GC helpers included). */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return ticks * 10; // USER_HZ is 100 on Linux
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** The machine a figure was measured on: a ratio from a loaded 2-CPU VM and from a quiet laptop differ. */
function machine(): string {
  const cpus = os.cpus();
  const load = os.loadavg().map((n) => n.toFixed(2)).join(' ');
  return `${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${load} at start`;
}

async function start(entry: string | undefined): Promise<Spawned> {
  const port = await freePort();
  // No drain: the bench stops its servers itself, with no clients left to tell.
  return spawnServer({ ...(entry ? { entry } : {}), env: { PORT: String(port), HOST: '127.0.0.1', SHUTDOWN_DRAIN_SEC: '0' } });
}

async function stop(s: Spawned): Promise<void> {
  s.child.kill('SIGTERM');
  await s.exited;
}

const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');
const fmt = (s: LoadSummary): string =>
  `${s.requestsPerSec.toFixed(0).padStart(6)} req/s  p50 ${s.latencyMs.p50.toFixed(2)} ms  p99 ${s.latencyMs.p99.toFixed(2)} ms  errors ${(s.errorRatio * 100).toFixed(2)}%`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '1' },
      connections: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '10' },
      strict: { type: 'boolean', default: false },
    },
  });
  const durationSec = Number(values.duration);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  const totalForRss = 100_000;

  process.stdout.write(
    `bench: GET /healthz on the service vs GET / on a bare node:http server; ${connections} connections; ` +
    `${rounds} rounds of ${durationSec} s per server, order alternating (ABBA) so machine drift hits both alike\n` +
    `measured ${new Date().toISOString()} on ${machine()}\n`);
  const bare = await start(BARE_ENTRY);
  const svc = await start(undefined);
  const ratios: number[] = [];
  const bareRuns: LoadSummary[] = [];
  const svcRuns: LoadSummary[] = [];
  const bareCpu: number[] = [];
  const svcCpu: number[] = [];
  let phase1Rss = 0;
  try {
    // Warm-up: let V8 optimise the hot paths of both before measuring.
    await runLoad({ url: `${bare.baseUrl}/`, connections, durationSec: 1 });
    await runLoad({ url: `${svc.baseUrl}/healthz`, connections, durationSec: 1 });

    for (let r = 1; r <= rounds; r++) {
      // Server CPU per response is far less sensitive to scheduling noise than req/s.
      const measure = async (server: Spawned, path: string, cpu: number[]): Promise<LoadSummary> => {
        const before = cpuMs(server.child.pid as number);
        const result = await runLoad({ url: `${server.baseUrl}${path}`, connections, durationSec });
        cpu.push(((cpuMs(server.child.pid as number) - before) * 1000) / Math.max(1, result.responses));
        return result;
      };
      const runBare = (): Promise<LoadSummary> => measure(bare, '/', bareCpu);
      const runSvc = (): Promise<LoadSummary> => measure(svc, '/healthz', svcCpu);
      let b: LoadSummary;
      let s: LoadSummary;
      if (r % 2 === 1) { b = await runBare(); s = await runSvc(); } else { s = await runSvc(); b = await runBare(); }
      bareRuns.push(b);
      svcRuns.push(s);
      ratios.push(s.requestsPerSec / b.requestsPerSec);
      process.stdout.write(`  round ${r}: bare    ${fmt(b)}\n`);
      process.stdout.write(`  round ${r}: service ${fmt(s)}  (ratio ${((ratios[ratios.length - 1] as number) * 100).toFixed(1)}%)\n`);
    }
    phase1Rss = rssMb(svc.child.pid as number);
  } finally {
    await stop(bare);
    await stop(svc);
  }

  // RSS: a fresh service process, exactly 100k requests over a mix of routes
  // (so every label series exists; /metrics at a scrape-like share), with the
  // same connection count as above, then read VmRSS.
  const fresh = await start(undefined);
  let served = 0;
  let freshRss = 0;
  try {
    const mix: [string, number][] = [
      ['/work', 2_000], ['/', 15_000], ['/readyz', 15_000], ['/no-such-path', 10_000], ['/metrics', 100],
    ];
    for (const [p, amount] of mix) await runLoad({ url: `${fresh.baseUrl}${p}`, connections, amount });
    const rest = totalForRss - mix.reduce((a, [, n]) => a + n, 0) - 1; // -1: the final scrape below
    await runLoad({ url: `${fresh.baseUrl}/healthz`, connections, amount: rest });
    // Count what the service itself saw, rather than trusting the client: autocannon ignores
    // `Connection: close`, so at each connection the service closes after MAX_REQUESTS_PER_SOCKET
    // it writes one request into the closing socket and gets no answer (it counts that as sent).
    // Top up until the service has counted the target (the +1 is the final scrape).
    const counted = async (): Promise<number> => {
      const scrape = parseExposition((await request(`${fresh.baseUrl}/metrics`)).body);
      return scrape.samples.filter((x) => x.name === HTTP_REQUESTS_TOTAL).reduce((a, x) => a + x.value, 0) + 1;
    };
    served = await counted();
    for (let topUps = 0; served < totalForRss && topUps < 5; topUps++) {
      // Each scrape is a request too: leave room for the one that counts this top-up.
      const amount = totalForRss - served - 1;
      if (amount > 0) await runLoad({ url: `${fresh.baseUrl}/healthz`, connections, amount });
      served = await counted();
    }
    freshRss = rssMb(fresh.child.pid as number);
  } finally {
    await stop(fresh);
  }

  // Startup: spawn -> 'listening' log line, measured by the parent (includes node boot).
  const startups: number[] = [];
  const bareStartups: number[] = [];
  for (let i = 0; i < 5; i++) {
    const s = await start(undefined);
    startups.push(s.readyMs);
    await stop(s);
    const b = await start(BARE_ENTRY);
    bareStartups.push(b.readyMs);
    await stop(b);
  }

  const total = (runs: LoadSummary[]): number =>
    runs.reduce((a, x) => a + x.responses, 0) / runs.reduce((a, x) => a + x.durationSec, 0);
  const ratio = median(ratios);
  const startupMedian = median(startups);
  const lines = [
    '',
    `throughput  bare ${total(bareRuns).toFixed(0)} req/s, p99 ${median(bareRuns.map((x) => x.latencyMs.p99)).toFixed(2)} ms | ` +
      `service ${total(svcRuns).toFixed(0)} req/s, p99 ${median(svcRuns.map((x) => x.latencyMs.p99)).toFixed(2)} ms ` +
      `(req/s over all rounds; p99 = median of rounds)`,
    `ratio       ${(ratio * 100).toFixed(1)}% of bare (median of ${rounds} per-round ratios; overall ` +
      `${((total(svcRuns) / total(bareRuns)) * 100).toFixed(1)}%; target >= ${TARGETS.throughputRatio * 100}%)  ` +
      `${verdict(ratio >= TARGETS.throughputRatio)}`,
    `cpu         bare ${median(bareCpu).toFixed(1)} us/request, service ${median(svcCpu).toFixed(1)} us/request ` +
      `(server process CPU, all threads, median of rounds; 10 ms tick resolution)`,
    `rss         ${freshRss.toFixed(1)} MB after ${served} requests (fresh process, counted by ${HTTP_REQUESTS_TOTAL}; ` +
      `target <= ${TARGETS.rssMb} MB)  ${verdict(freshRss <= TARGETS.rssMb && served >= totalForRss)}`,
    `            (after the throughput rounds, ${svcRuns.reduce((a, x) => a + x.responses, 0)}+ requests: ${phase1Rss.toFixed(1)} MB)`,
    `startup     spawn->listening median ${startupMedian.toFixed(0)} ms, max ${Math.max(...startups).toFixed(0)} ms over ${startups.length} runs ` +
      `(bare node:http: median ${median(bareStartups).toFixed(0)} ms; target <= ${TARGETS.startupMs} ms)  ${verdict(startupMedian <= TARGETS.startupMs)}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const allPass = ratio >= TARGETS.throughputRatio && freshRss <= TARGETS.rssMb && served >= totalForRss &&
    startupMedian <= TARGETS.startupMs;
  return values.strict && !allPass ? 1 : 0;
}

main().then((code) => process.exit(code), (err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
