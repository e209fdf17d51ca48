// Routes AWS JSON-RPC requests (POST, `X-Amz-Target: <prefix>.<Operation>`, JSON or CBOR body) to
// the JsonRpcService with that prefix, reproducing the order in which AWS's front end checks
// method, body, content type, target and credentials (as recorded by kinesalite against Kinesis).

import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { OutputBufferPool } from '../protocol/output-buffer-pool.js';
import type { JsonRpcService } from '../api/operation.js';
import { releaseOutput } from '../api/output-release.js';
import type { Clock } from '../engine/clock.js';
import { AwsError } from '../errors/aws-error.js';
import { accessDenied, internalFailure, serializationException, unknownOperation } from '../errors/common-errors.js';
import { errorBody, xmlErrorBody } from './error-body.js';
import { checkPresenceAuth } from './presence-auth.js';
import { reply, type GatewayRequest, type Reply } from './reply.js';
import type { Router } from './router.js';
import { cborFormat, mediaTypeOf, wireFormatFor, type WireFormat } from './wire-format.js';

export interface JsonRpcRouterOptions {
  readonly services: readonly JsonRpcService[];
  /** 'presence' requires SigV4-shaped credentials; 'off' accepts any request. */
  readonly authMode: 'presence' | 'off';
  readonly accountId: string;
  readonly region: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /**
   * Memory reused for large response bodies (GetRecords answers of ~15 MB), released by the
   * transport once each is sent. Default: a pool of its own.
   */
  readonly outputPool?: OutputBufferPool;
}

/** Services whose responses carry Kinesis's extended request id header. */
const EXTENDED_ID_SIGNING_NAMES = new Set(['kinesis']);

function xmlReply(err: AwsError, status = err.statusCode): Reply {
  return reply(status, xmlErrorBody(err));
}

function queryOf(url: string): URLSearchParams {
  const start = url.indexOf('?');
  return new URLSearchParams(start < 0 ? '' : url.slice(start + 1));
}

/**
 * Extra headers an error asks for in JSON answers, if any: an error object may expose
 * `responseHeaders` (SQS's query-compatible errors send `x-amzn-query-error` this way).
 */
function errorHeaders(err: AwsError): Readonly<Record<string, string>> {
  const headers = (err as { readonly responseHeaders?: unknown }).responseHeaders;
  return typeof headers === 'object' && headers !== null ? (headers as Readonly<Record<string, string>>) : {};
}

function formatReply(err: AwsError, format: WireFormat): Reply {
  const answer = reply(err.statusCode, errorBody(err, format), format.contentType);
  return { ...answer, headers: { ...answer.headers, ...errorHeaders(err) } };
}

export class JsonRpcRouter implements Router {
  private readonly services: ReadonlyMap<string, JsonRpcService>;
  private readonly jsonVersions: ReadonlySet<string>;
  private readonly outputPool: OutputBufferPool;

  constructor(private readonly options: JsonRpcRouterOptions) {
    this.outputPool = options.outputPool ?? new OutputBufferPool();
    this.services = new Map(options.services.map((service) => [service.targetPrefix, service]));
    this.jsonVersions = new Set(options.services.map((service) => service.jsonVersion));
  }

  claims(): boolean {
    return true;
  }

  async handle(request: GatewayRequest): Promise<Reply> {
    const [prefix = '', operation = ''] = String(request.headers['x-amz-target'] ?? '').split('.');
    const service = prefix === '' ? undefined : this.services.get(prefix);
    const answer = await this.answer(request, prefix, operation, service);
    if (service !== undefined && !EXTENDED_ID_SIGNING_NAMES.has(service.signingName)) return answer;
    return { ...answer, headers: { ...answer.headers, 'x-amz-id-2': randomBytes(72).toString('base64') } };
  }

  private async answer(request: GatewayRequest, prefix: string, operation: string, service: JsonRpcService | undefined): Promise<Reply> {
    if (request.method !== 'POST') return xmlReply(accessDenied());
    const known = service !== undefined && operation !== '' && service.hasOperation(operation);
    const format = wireFormatFor(mediaTypeOf(request.headers['content-type']), service?.jsonVersion, this.jsonVersions);

    if (request.body.length === 0) {
      const errorFormat = format?.contentType.startsWith('application/x-amz-json') ? format : cborFormat;
      return formatReply(known ? serializationException() : unknownOperation(), errorFormat);
    }
    if (format === undefined) {
      return prefix === '' || operation === '' ? xmlReply(accessDenied()) : xmlReply(unknownOperation(), 404);
    }

    let input: unknown;
    try {
      input = format.decode(request.body);
    } catch (err) {
      if (err instanceof AwsError) return formatReply(err, format);
      throw err;
    }
    if (typeof input !== 'object' || input === null) return formatReply(serializationException(), format);
    if (!known) return formatReply(unknownOperation(), format);

    if (this.options.authMode === 'presence') {
      const authError = checkPresenceAuth(request.headers, queryOf(request.url));
      if (authError !== undefined) return formatReply(authError, format);
    }
    return this.invoke(request, service, operation, input, format);
  }

  private async invoke(
    request: GatewayRequest,
    service: JsonRpcService,
    operation: string,
    input: unknown,
    format: WireFormat,
  ): Promise<Reply> {
    const { accountId, region, clock, logger } = this.options;
    try {
      const output = await service.invoke(operation, input, format.wire, { requestId: request.requestId, accountId, region, clock });
      const body = format.encode(output, this.outputPool);
      releaseOutput(output);
      const pool = this.outputPool;
      return { ...reply(200, body, format.contentType), release: () => pool.release(body) };
    } catch (err) {
      if (err instanceof AwsError) return formatReply(err, format);
      logger.error({ err, requestId: request.requestId, target: `${service.targetPrefix}.${operation}` }, 'unexpected error');
      return formatReply(internalFailure(), format);
    }
  }
}
