// Node's HTTP server limits, each chosen for this service instead of left at Node's default.
// The service answers small GET requests; nothing legitimate needs seconds to send its headers,
// and it never reads a request body. Every value comes from the environment (config.ts).

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Config } from './config';

export type TimeoutConfig = Pick<Config,
  'headersTimeoutMs' | 'requestTimeoutMs' | 'keepAliveTimeoutMs' | 'connectionsCheckingIntervalMs'>;

export function createLimitedServer(
  config: TimeoutConfig, handler: (req: IncomingMessage, res: ServerResponse) => void,
): Server {
  const server = createServer({
    // Slowloris: a client trickling header bytes holds a socket and a parser. Node's 60 s default,
    // checked only every 30 s, lets such a connection live ~90 s; 10 s is ample for any real client.
    headersTimeout: config.headersTimeoutMs,
    // Dripping body: the whole request (headers + body) must arrive within this, or 408. Node's default
    // is 300 s; GET requests have no body, so 20 s only ever cuts off a client feeding bytes slowly.
    requestTimeout: config.requestTimeoutMs,
    // How often Node checks the two deadlines above. The real bound is deadline + this interval, so
    // Node's 30 s default would triple a 10 s headers deadline; a 1 s sweep over open sockets is cheap.
    connectionsCheckingInterval: config.connectionsCheckingIntervalMs,
    // Idle keep-alive sockets must outlive the idle timeout of whatever pools connections in front
    // (ingress controllers and meshes commonly use 60 s): if the server closes first, the proxy can
    // send a request on a socket being closed and answer 502. Node's 5 s default invites exactly that.
    keepAliveTimeout: config.keepAliveTimeoutMs,
    // Kept at Node's defaults on purpose: maxHeaderSize 16 KiB (oversized headers get 431 and are
    // counted, see client-errors.ts); socket inactivity `timeout` 0, because responses are small
    // enough to sit in the socket buffer, so a slow reader cannot hold the handler.
  }, handler);
  // maxRequestsPerSocket is enforced in routes.ts, not with Node's own option: Node's option sends
  // `Connection: close` but leaves the socket open until keepAliveTimeout, and answers a client
  // that sends one more request with a 503 that never reaches our metrics.
  return server;
}
