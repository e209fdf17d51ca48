// Everything every AWS-compatible request gets regardless of service: a request id, CORS, and
// dispatch to the first router that claims it. Together with the routers, the only place where
// an error becomes an HTTP response; a router that throws is logged and answered InternalFailure.

import type { Logger } from 'pino';
import { internalFailure } from '../errors/common-errors.js';
import { errorBody } from './error-body.js';
import { reply, type GatewayRequest, type Reply } from './reply.js';
import type { Router } from './router.js';
import { json11Format } from './wire-format.js';

const EXPOSED_HEADERS = 'x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date';
const PREFLIGHT_MAX_AGE = '172800';

export interface GatewayOptions {
  /** Tried in order; the first that claims a request answers it. */
  readonly routers: readonly Router[];
  readonly logger: Logger;
}

function preflight(request: GatewayRequest): Reply {
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': '*' };
  const allowHeaders = request.headers['access-control-request-headers'];
  const allowMethod = request.headers['access-control-request-method'];
  if (allowHeaders !== undefined) headers['Access-Control-Allow-Headers'] = String(allowHeaders);
  if (allowMethod !== undefined) headers['Access-Control-Allow-Methods'] = String(allowMethod);
  headers['Access-Control-Max-Age'] = PREFLIGHT_MAX_AGE;
  return { status: 200, headers, body: Buffer.alloc(0) };
}

export class Gateway {
  constructor(private readonly options: GatewayOptions) {}

  /** Answers one request; never throws. Every reply carries x-amzn-RequestId. */
  async handle(request: GatewayRequest): Promise<Reply> {
    const cors = request.headers.origin !== undefined;
    const answer = cors && request.method === 'OPTIONS' ? preflight(request) : await this.route(request);
    const headers: Record<string, string> = { 'x-amzn-RequestId': request.requestId, ...answer.headers };
    if (cors && request.method !== 'OPTIONS') {
      headers['Access-Control-Allow-Origin'] = '*';
      headers['Access-Control-Expose-Headers'] = EXPOSED_HEADERS;
    }
    return { ...answer, headers };
  }

  private async route(request: GatewayRequest): Promise<Reply> {
    const { routers, logger } = this.options;
    try {
      const router = routers.find((candidate) => candidate.claims(request));
      if (router === undefined) throw new Error('no router claimed the request');
      return await router.handle(request);
    } catch (err) {
      logger.error({ err, requestId: request.requestId }, 'unexpected error');
      return reply(500, errorBody(internalFailure(), json11Format), json11Format.contentType);
    }
  }
}
