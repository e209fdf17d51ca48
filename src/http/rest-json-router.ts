// Routes rest-json requests (Lambda: `/2015-03-31/functions/...`) by path to a RestJsonService,
// checking credentials like the JSON-RPC router, and writes every AWS error the rest-json way
// (status, `x-amzn-ErrorType`, JSON body).

import type { Logger } from 'pino';
import type { RestJsonService } from '../api/rest-json-service.js';
import type { Clock } from '../engine/clock.js';
import { AwsError } from '../errors/aws-error.js';
import { restJsonErrorResponse } from '../protocol/rest-json-error.js';
import { checkPresenceAuth } from './presence-auth.js';
import type { GatewayRequest, Reply } from './reply.js';
import type { Router } from './router.js';

export interface RestJsonRouterOptions {
  readonly service: RestJsonService;
  /** Paths starting with one of these are claimed (e.g. `/2015-03-31/`); so is any path the model knows. */
  readonly pathPrefixes: readonly string[];
  readonly authMode: 'presence' | 'off';
  readonly accountId: string;
  readonly region: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The error answered for anything unexpected (after logging it). */
  readonly internalError: () => AwsError;
}

function splitUrl(url: string): { path: string; query: URLSearchParams } {
  const start = url.indexOf('?');
  if (start < 0) return { path: url, query: new URLSearchParams() };
  return { path: url.slice(0, start), query: new URLSearchParams(url.slice(start + 1)) };
}

export class RestJsonRouter implements Router {
  constructor(private readonly options: RestJsonRouterOptions) {}

  claims(request: GatewayRequest): boolean {
    const { path } = splitUrl(request.url);
    return this.options.pathPrefixes.some((prefix) => path.startsWith(prefix)) || this.options.service.knowsPath(path);
  }

  async handle(request: GatewayRequest): Promise<Reply> {
    const { service, accountId, region, clock, logger } = this.options;
    const { path, query } = splitUrl(request.url);
    try {
      if (this.options.authMode === 'presence') {
        const authError = checkPresenceAuth(request.headers, query);
        if (authError !== undefined) throw authError;
      }
      const ctx = { requestId: request.requestId, accountId, region, clock };
      return await service.invoke({ method: request.method, path, query, headers: request.headers, body: request.body }, ctx);
    } catch (err) {
      if (err instanceof AwsError) return restJsonErrorResponse(err);
      logger.error({ err, requestId: request.requestId, path }, 'unexpected error');
      return restJsonErrorResponse(this.options.internalError());
    }
  }
}
