// A Router answers the requests it claims. The gateway asks each in order; JSON-RPC (X-Amz-Target)
// is the last and claims everything else. Lambda (REST-JSON, by path) and SQS (query, by
// `Action=`) routers slot in before it.

import type { GatewayRequest, Reply } from './reply.js';

export interface Router {
  /** Whether this router answers the request (decided from method, path, headers; never the body). */
  claims(request: GatewayRequest): boolean;
  /**
   * Answers the request. Throws only for unexpected failures (the gateway logs them and answers
   * InternalFailure); every AWS error is already a Reply.
   */
  handle(request: GatewayRequest): Promise<Reply>;
}
