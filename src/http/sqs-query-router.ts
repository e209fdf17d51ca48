// Routes SQS query-protocol requests (`Action=<Op>` in a form-encoded POST body or in the URL of a
// GET; any path, as clients also post to queue URLs): decodes the parameters into the operation's
// input with the model and SQS's wire names, runs the operation, and answers XML, errors
// included (<ErrorResponse> with the query error code).

import type { Logger } from 'pino';
import type { ServiceModel } from '../api/model/service-model.js';
import type { OperationOutput, RequestContext } from '../api/operation.js';
import type { Clock } from '../engine/clock.js';
import { AwsError } from '../errors/aws-error.js';
import { internalFailure } from '../errors/common-errors.js';
import { invalidAction, missingParameter, SqsError } from '../errors/sqs-errors.js';
import { QueryDecoder } from '../protocol/query-decoder.js';
import type { QueryNames } from '../protocol/query-names.js';
import { QueryXmlWriter } from '../protocol/query-xml-response.js';
import { checkPresenceAuth } from './presence-auth.js';
import { reply, type GatewayRequest, type Reply } from './reply.js';
import type { Router } from './router.js';
import { mediaTypeOf } from './wire-format.js';

const FORM = 'application/x-www-form-urlencoded';
const XML = 'text/xml';

export interface SqsQueryRouterOptions {
  readonly model: ServiceModel;
  readonly names: QueryNames;
  readonly xmlNamespace: string;
  /** Runs a model operation; `origin` (`scheme://host[:port]`) is where the request was sent. */
  readonly invoke: (operation: string, input: Record<string, unknown>, ctx: RequestContext, origin: string) => Promise<OperationOutput>;
  /** The server's own URL: its scheme is used with the request's Host, and it stands in without one. */
  readonly serverUrl: () => string;
  readonly authMode: 'presence' | 'off';
  readonly accountId: string;
  readonly region: string;
  readonly clock: Clock;
  readonly logger: Logger;
}

function urlQuery(url: string): string {
  const start = url.indexOf('?');
  return start < 0 ? '' : url.slice(start + 1);
}

export class SqsQueryRouter implements Router {
  private readonly writer: QueryXmlWriter;

  constructor(private readonly options: SqsQueryRouterOptions) {
    this.writer = new QueryXmlWriter(options.model, options.names, options.xmlNamespace);
  }

  claims(request: GatewayRequest): boolean {
    if (request.headers['x-amz-target'] !== undefined) return false;
    if (request.method === 'POST' && mediaTypeOf(request.headers['content-type']).toLowerCase() === FORM) return true;
    return (request.method === 'GET' || request.method === 'POST') && new URLSearchParams(urlQuery(request.url)).has('Action');
  }

  async handle(request: GatewayRequest): Promise<Reply> {
    const params = new URLSearchParams(urlQuery(request.url));
    if (request.method === 'POST' && request.body.length > 0) {
      for (const [key, value] of new URLSearchParams(request.body.toString('utf8'))) params.set(key, value);
    }
    try {
      if (this.options.authMode === 'presence') {
        const authError = checkPresenceAuth(request.headers, params);
        if (authError !== undefined) throw authError;
      }
      const action = params.get('Action');
      if (action === null || action === '') throw missingParameter('Action');
      if (!this.options.model.hasOperation(action)) throw invalidAction(action);
      const inputRef = this.options.model.operation(action).input;
      const input = inputRef ? new QueryDecoder(this.options.model, this.options.names, new Map(params)).decode(inputRef.shape) : {};
      const { accountId, region, clock } = this.options;
      const ctx: RequestContext = { requestId: request.requestId, accountId, region, clock };
      const output = await this.options.invoke(action, input, ctx, this.originOf(request));
      return reply(200, this.writer.response(action, output, request.requestId), XML);
    } catch (err) {
      return this.errorReply(request, err);
    }
  }

  private originOf(request: GatewayRequest): string {
    const server = this.options.serverUrl();
    const host = request.headers.host ?? request.headers[':authority'];
    if (typeof host !== 'string' || host === '' || /[\s/\\@]/.test(host)) return server;
    const scheme = server.startsWith('https:') ? 'https' : 'http';
    return `${scheme}://${host}`;
  }

  private errorReply(request: GatewayRequest, err: unknown): Reply {
    let error: AwsError;
    if (err instanceof AwsError) error = err;
    else {
      this.options.logger.error({ err, requestId: request.requestId }, 'unexpected error');
      error = internalFailure();
    }
    const sqs = error instanceof SqsError ? error : undefined;
    const message = sqs ? sqs.queryMessage : error.hasMessage ? error.message : undefined;
    const body = this.writer.error({
      type: error.statusCode >= 500 ? 'Receiver' : 'Sender',
      code: sqs ? sqs.queryCode : error.type,
      ...(message === undefined ? {} : { message }),
      requestId: request.requestId,
    });
    return reply(error.statusCode, body, XML);
  }
}
