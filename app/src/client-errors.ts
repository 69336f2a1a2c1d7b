// Requests Node's parser rejects (malformed, headers too large, too slow) never reach the request
// handler, so without this they would be missing from http_requests_total. This handler answers
// them exactly as Node's built-in one does (same status lines, same closing), and counts each
// answered rejection under route="rejected" with the status it got.

import type { Socket } from 'node:net';
import { methodLabel } from './metrics';
import { REJECTED_ROUTE } from './metric-names';

/** Node's error codes for rejected requests, and the status Node itself would answer with. */
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};
const REASONS: Readonly<Record<number, string>> = {
  400: 'Bad Request', 408: 'Request Timeout', 413: 'Payload Too Large', 431: 'Request Header Fields Too Large',
};

/** Status for a client error: 400 unless Node has a more specific one. Always one of REASONS' keys. */
export function rejectionStatus(code: string | undefined): number {
  return (code !== undefined ? STATUS_BY_CODE[code] : undefined) ?? 400;
}

/** Method label of a rejected request: the first token of what was received, bounded like any other. */
export function rejectedMethod(rawPacket: unknown): string {
  if (!Buffer.isBuffer(rawPacket)) return methodLabel(undefined);
  const space = rawPacket.indexOf(0x20);
  return methodLabel(space > 0 && space <= 8 ? rawPacket.toString('latin1', 0, space) : undefined);
}

interface ClientError extends Error {
  code?: string;
  rawPacket?: unknown;
}

/** The part of a socket Node's own handler looks at: a response already started must not be corrupted. */
interface HttpSocket extends Socket {
  _httpMessage?: { _headerSent?: boolean } | null;
}

export function createClientErrorHandler(count: (method: string, route: string, code: number) => void) {
  return (err: ClientError, socket: Socket): void => {
    const s = socket as HttpSocket;
    // Only a request the parser refused is answered and counted. Socket errors (ECONNRESET, EPIPE)
    // and HPE_INVALID_EOF_STATE (the connection ended in the middle of a request) mean the peer
    // went away: nothing to answer. Then the same condition as Node's default: only answer when
    // the peer can read it and no response is half-written on this socket.
    const code = err.code ?? '';
    const refused = (code.startsWith('HPE_') && code !== 'HPE_INVALID_EOF_STATE') || code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (refused && s.writable && !(s._httpMessage?._headerSent ?? false)) {
      const status = rejectionStatus(err.code);
      s.write(`HTTP/1.1 ${status} ${REASONS[status]}\r\nConnection: close\r\n\r\n`);
      count(rejectedMethod(err.rawPacket), REJECTED_ROUTE, status);
    }
    s.destroy(err);
  };
}
