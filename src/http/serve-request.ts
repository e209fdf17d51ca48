// Adapts node's HTTP/1.1 and HTTP/2 (compatibility API) request/response objects to the Gateway:
// assigns the request id, reads the body under the size cap (413 as AWS answers it), writes the
// reply with Content-Length, and makes sure nothing a client sends can throw out of here.

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Http2ServerRequest, Http2ServerResponse } from 'node:http2';
import type { Logger } from 'pino';
import type { Gateway } from './gateway.js';
import { BodyTooLargeError, readBody, RequestAbortedError } from './read-body.js';
import type { Reply } from './reply.js';

export type NodeRequest = IncomingMessage | Http2ServerRequest;
export type NodeResponse = ServerResponse | Http2ServerResponse;

export interface ServeRequestOptions {
  readonly gateway: Gateway;
  readonly maxBodyBytes: number;
  readonly logger: Logger;
}

/**
 * Sends the reply. A reply's `release` runs only from the callback of `res.end`, i.e. on 'finish',
 * which HTTP/1.1 (plain or TLS) emits once its last socket write has completed and HTTP/2 once
 * the session has sent the stream's data. HTTP/1.1 also emits it when that write failed (the
 * client went away): the body is then left to the garbage collector rather than reused, as is the
 * body of any response cut short. A body that was never handed over is released at once.
 */
function write(req: NodeRequest, res: NodeResponse, answer: Reply, headers: Record<string, string>): void {
  const release = answer.release;
  if (res.headersSent || res.destroyed) {
    release?.();
    return;
  }
  res.writeHead(answer.status, headers);
  if (release === undefined) {
    res.end(answer.body);
    return;
  }
  const socket = isHttp1Request(req) ? req.socket : undefined;
  res.end(answer.body, () => {
    if (socket === undefined || (socket.errored === null && !socket.destroyed)) release();
  });
}

/** A refused body is read and discarded up to this many bytes, or for this long, then the connection is cut. */
const DRAIN_LIMIT_BYTES = 256 * 1024 * 1024;
const DRAIN_LIMIT_MS = 10_000;

/**
 * Answers 413 with no body, as AWS does, and discards the rest of the refused body so the client
 * can finish sending and read the answer. Closing a socket with unread bytes makes the kernel send
 * RST, and clients then lose the 413 to EPIPE/ECONNRESET; so the response is only ended (and the
 * connection possibly closed) once the body is drained. Bounded in bytes and time:
 * past either bound the connection is destroyed.
 */
function refuseBody(req: NodeRequest, res: NodeResponse, requestId: string): void {
  if (res.headersSent || res.destroyed) return;
  // HTTP/1.1 can send the answer at once; over HTTP/2, answering before the body has been read
  // makes nghttp2 reset the stream (ENHANCE_YOUR_CALM), so the answer waits for the drain.
  const answer = (): void => {
    if (!res.headersSent) res.writeHead(413, { 'x-amzn-RequestId': requestId, 'Content-Length': '0' });
  };
  if (isHttp1Request(req)) {
    answer();
    (res as ServerResponse).flushHeaders();
  }
  let drained = 0;
  const finish = (): void => {
    clearTimeout(timer);
    req.off('data', onData);
    if (res.destroyed || res.writableEnded) return;
    answer();
    res.end();
  };
  const cut = (): void => {
    finish();
    if (isHttp1Request(req)) req.socket.destroy();
    else req.stream.close();
  };
  const onData = (chunk: Buffer): void => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT_BYTES) cut();
  };
  const timer = setTimeout(cut, DRAIN_LIMIT_MS);
  timer.unref();
  req.on('data', onData);
  req.once('end', finish);
  req.once('close', finish);
  req.resume();
}

function isHttp1Request(req: NodeRequest): req is IncomingMessage {
  return !('stream' in req);
}

/** Returns the function the HTTP/1.1 and HTTP/2 servers call for every request. */
export function createRequestListener(options: ServeRequestOptions): (req: NodeRequest, res: NodeResponse) => void {
  const { gateway, maxBodyBytes, logger } = options;
  return (req, res) => {
    const requestId = randomUUID();
    res.on('error', (err: Error) => logger.debug({ err, requestId }, 'response stream error'));
    const serve = async (): Promise<void> => {
      const started = performance.now();
      const body = await readBody(req, maxBodyBytes, req.headers['content-length']);
      const answer = await gateway.handle({ requestId, method: req.method ?? '', url: req.url ?? '/', headers: req.headers, body });
      write(req, res, answer, { ...answer.headers, 'Content-Length': String(answer.body.length) });
      if (logger.isLevelEnabled('debug')) {
        const target = req.headers['x-amz-target'];
        logger.debug({ requestId, method: req.method, target, status: answer.status, ms: performance.now() - started }, 'request');
      }
    };
    serve().catch((err: unknown) => {
      if (err instanceof BodyTooLargeError) {
        logger.debug({ requestId, maxBytes: err.maxBytes }, 'request body too large');
        refuseBody(req, res, requestId);
      } else if (err instanceof RequestAbortedError) {
        logger.debug({ requestId }, 'request aborted');
      } else {
        logger.error({ err, requestId }, 'unexpected error while serving a request');
        if (!res.headersSent && !res.destroyed) res.destroy();
      }
    });
  };
}
