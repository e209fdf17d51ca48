// The transport-neutral request and response the routers work with; serve-request adapts them
// to node's HTTP/1.1 and HTTP/2 objects, so routing is testable without sockets.

import type { IncomingHttpHeaders } from 'node:http';

export interface GatewayRequest {
  readonly requestId: string;
  readonly method: string;
  /** Path and query string as sent. */
  readonly url: string;
  /** Lower-cased header names (HTTP/2 pseudo-headers may be present and are ignored). */
  readonly headers: IncomingHttpHeaders;
  /** The whole body, already capped at http.maxBodyBytes. */
  readonly body: Buffer;
}

export interface Reply {
  readonly status: number;
  /** Header names in AWS's spelling; Content-Length and Date are added by the transport. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  /**
   * Hands `body`'s memory back for reuse (an OutputBufferPool body). The transport calls it once
   * the body has been written out completely, and never when the response was cut short (the
   * memory is then left to the garbage collector, as a socket may still hold it).
   */
  readonly release?: () => void;
}

/** A reply with the given status, body and optional Content-Type. */
export function reply(status: number, body: Buffer, contentType?: string): Reply {
  return { status, headers: contentType === undefined ? {} : { 'Content-Type': contentType }, body };
}
