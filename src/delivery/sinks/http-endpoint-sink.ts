// Delivers a buffer to an HTTP endpoint in Firehose's HTTP endpoint delivery format (FIREHOSE.md §11):
// POST of {requestId, timestamp, records:[{data:<base64>}]} with the X-Amz-Firehose-* headers, and the
// endpoint's {requestId, timestamp} answer checked. http:// is allowed (local deviation from AWS).

import { request as httpRequest, Agent as HttpAgent, type IncomingMessage } from 'node:http';
import { request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Clock } from '../../engine/clock.js';
import type { HttpEndpointDestinationSettings } from '../delivery-stream-definition.js';
import type { DeliveryRecord, Sink, SinkBatch } from '../sink.js';
import { HttpEndpointDeliveryError } from './http-endpoint-error.js';
import { httpEndpointRequestId } from './http-endpoint-request-id.js';

const gzipAsync = promisify(gzip);

/** Firehose's limits: at most 10,000 records per request, answer within 3 minutes, answer ≤ 1 MiB. */
const MAX_RECORDS_PER_REQUEST = 10_000;
const DEFAULT_TIMEOUT_MS = 180_000;
const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface HttpEndpointSinkOptions {
  /** EndpointConfiguration.Url (http:// or https://). */
  readonly url: string;
  /** EndpointConfiguration.AccessKey, sent verbatim as X-Amz-Firehose-Access-Key. */
  readonly accessKey?: string;
  /** RequestConfiguration.ContentEncoding (default NONE). */
  readonly contentEncoding?: 'NONE' | 'GZIP';
  /** RequestConfiguration.CommonAttributes as name → value. */
  readonly commonAttributes?: Readonly<Record<string, string>>;
  /** The delivery stream ARN (X-Amz-Firehose-Source-Arn). */
  readonly sourceArn: string;
  /** Source of the body's `timestamp`. */
  readonly clock: Clock;
  /** How long to wait for the endpoint's answer (default 3 minutes, as Firehose). */
  readonly timeoutMs?: number;
}

export class HttpEndpointSink implements Sink {
  private readonly target: URL;
  private readonly agent: HttpAgent;

  /** The sink for a delivery stream's HTTP endpoint destination (its S3 backup is the pipeline's business). */
  static fromSettings(settings: HttpEndpointDestinationSettings, context: { sourceArn: string; clock: Clock }): HttpEndpointSink {
    return new HttpEndpointSink({
      url: settings.url,
      ...(settings.accessKey !== undefined && { accessKey: settings.accessKey }),
      contentEncoding: settings.contentEncoding,
      commonAttributes: settings.commonAttributes,
      sourceArn: context.sourceArn,
      clock: context.clock,
    });
  }

  constructor(private readonly options: HttpEndpointSinkOptions) {
    this.target = new URL(options.url);
    if (this.target.protocol !== 'http:' && this.target.protocol !== 'https:') {
      throw new Error(`HTTP endpoint URL must be http:// or https://: ${options.url}`);
    }
    this.agent = this.target.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  }

  /**
   * Sends the batch's records (in requests of ≤ 10,000 records); resolves once the endpoint has
   * acknowledged every request; rejects with HttpEndpointDeliveryError otherwise (`permanent` for 413).
   * Request ids derive from the batch's objectKey, so a retried batch carries the same ids.
   */
  async deliver(batch: SinkBatch): Promise<void> {
    const chunks = Math.ceil(batch.records.length / MAX_RECORDS_PER_REQUEST);
    for (let i = 0; i < chunks; i++) {
      const records = batch.records.slice(i * MAX_RECORDS_PER_REQUEST, (i + 1) * MAX_RECORDS_PER_REQUEST);
      const key = chunks === 1 ? batch.objectKey : `${batch.objectKey}#${i}`;
      await this.send(httpEndpointRequestId(this.options.sourceArn, key), records);
    }
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  private async send(requestId: string, records: readonly DeliveryRecord[]): Promise<void> {
    const json = Buffer.from(
      JSON.stringify({
        requestId,
        timestamp: this.options.clock.now(),
        records: records.map((r) => ({ data: r.data.toString('base64') })),
      }),
    );
    const gzipped = this.options.contentEncoding === 'GZIP';
    const body = gzipped ? await gzipAsync(json) : json;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(body.length),
      'X-Amz-Firehose-Protocol-Version': '1.0',
      'X-Amz-Firehose-Request-Id': requestId,
      'X-Amz-Firehose-Source-Arn': this.options.sourceArn,
    };
    if (gzipped) headers['Content-Encoding'] = 'gzip';
    if (this.options.accessKey !== undefined) headers['X-Amz-Firehose-Access-Key'] = this.options.accessKey;
    const attributes = this.options.commonAttributes;
    if (attributes !== undefined && Object.keys(attributes).length > 0) {
      headers['X-Amz-Firehose-Common-Attributes'] = JSON.stringify({ commonAttributes: attributes });
    }
    const { res, text } = await this.post(body, headers);
    checkResponse(res, text, requestId);
  }

  private post(body: Buffer, headers: Record<string, string>): Promise<{ res: IncomingMessage; text: string }> {
    const request = this.target.protocol === 'https:' ? httpsRequest : httpRequest;
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    return new Promise((resolve, reject) => {
      const req = request(this.target, { method: 'POST', headers, agent: this.agent }, (res) => {
        const parts: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) {
            req.destroy();
            reject(fail('HttpEndpoint.ResponseTooLarge', `The response received from the endpoint is too large. Response size: ${size} bytes.`, res.statusCode));
            return;
          }
          parts.push(chunk);
        });
        res.on('end', () => resolve({ res, text: Buffer.concat(parts).toString('utf8') }));
        res.on('error', (err) => reject(connectionError(err)));
      });
      req.setTimeout(timeoutMs, () => {
        req.destroy();
        reject(fail('HttpEndpoint.RequestTimeout', `The delivery timed out before a response was received after ${timeoutMs} ms.`, undefined));
      });
      req.on('error', (err) => reject(connectionError(err)));
      req.end(body);
    });
  }
}

function fail(code: HttpEndpointDeliveryError['code'], message: string, status: number | undefined, permanent = false): HttpEndpointDeliveryError {
  return new HttpEndpointDeliveryError(code, message, status, permanent);
}

function connectionError(err: Error): Error {
  if (err instanceof HttpEndpointDeliveryError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ECONNRESET' || code === 'EPIPE') return fail('HttpEndpoint.ConnectionReset', `The connection was reset by the endpoint: ${err.message}`, undefined);
  return fail('HttpEndpoint.ConnectionFailed', `Could not connect to the endpoint: ${err.message}`, undefined);
}

function checkResponse(res: IncomingMessage, text: string, requestId: string): void {
  const status = res.statusCode ?? 0;
  if (status !== 200) {
    const message = errorMessageOf(text) ?? `The endpoint responded with status ${status}.`;
    throw fail('HttpEndpoint.DestinationException', `Received the following response from the endpoint destination. ${status}: ${message}`, status, status === 413);
  }
  if (res.headers['content-encoding'] !== undefined) {
    throw fail('HttpEndpoint.InvalidResponseFromDestination', 'The response from the endpoint must not have a Content-Encoding.', status);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fail('HttpEndpoint.InvalidResponseFromDestination', 'The response received from the endpoint is not valid JSON.', status);
  }
  const got = typeof parsed === 'object' && parsed !== null ? (parsed as { requestId?: unknown }).requestId : undefined;
  if (got !== requestId) {
    throw fail('HttpEndpoint.InvalidResponseFromDestination', `The response received from the endpoint has a requestId that does not match the request: expected ${requestId}, got ${String(got)}.`, status);
  }
}

function errorMessageOf(text: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    const message = typeof parsed === 'object' && parsed !== null ? (parsed as { errorMessage?: unknown }).errorMessage : undefined;
    return typeof message === 'string' ? message.slice(0, 8192) : undefined;
  } catch {
    return text.length > 0 ? text.slice(0, 8192) : undefined;
  }
}
