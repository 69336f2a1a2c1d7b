// Baseline for `npm run bench`: the smallest node:http server answering 200,
// shaped like the service's /healthz response (same headers and body), so the
// comparison isolates what routing + metrics + lifecycle cost.

import { createServer } from 'node:http';

const body = 'ok\n';
const headers = { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) };
// writeHead with all headers at once: the cheapest way node:http offers, so
// the baseline is as lean as the service's own response path.
const server = createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});

server.listen(Number(process.env['PORT'] ?? 0), process.env['HOST'] ?? '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ msg: 'listening', port })}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
