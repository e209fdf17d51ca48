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

function isHttp1(res: NodeResponse): res is ServerResponse {
  return !('stream' in res);
}

function write(res: NodeResponse, answer: Reply, headers: Record<string, string>): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

function tooLarge(res: NodeResponse, requestId: string): void {
  // AWS answers 413 with no body; HTTP/1.1 responses announce it chunked and drop the connection
  // instead of reading the rest of the body.
  const headers: Record<string, string> = { 'x-amzn-RequestId': requestId };
  if (isHttp1(res)) {
    headers['Transfer-Encoding'] = 'chunked';
    headers['Connection'] = 'close';
  } else {
    headers['Content-Length'] = '0';
  }
  write(res, { status: 413, headers: {}, body: Buffer.alloc(0) }, headers);
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
      write(res, answer, { ...answer.headers, 'Content-Length': String(answer.body.length) });
      if (logger.isLevelEnabled('debug')) {
        const target = req.headers['x-amz-target'];
        logger.debug({ requestId, method: req.method, target, status: answer.status, ms: performance.now() - started }, 'request');
      }
    };
    serve().catch((err: unknown) => {
      if (err instanceof BodyTooLargeError) {
        logger.debug({ requestId, maxBytes: err.maxBytes }, 'request body too large');
        tooLarge(res, requestId);
        if (!isHttp1(res)) req.resume();
      } else if (err instanceof RequestAbortedError) {
        logger.debug({ requestId }, 'request aborted');
      } else {
        logger.error({ err, requestId }, 'unexpected error while serving a request');
        if (!res.headersSent && !res.destroyed) res.destroy();
      }
    });
  };
}
