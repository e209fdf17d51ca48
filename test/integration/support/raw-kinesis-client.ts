// A minimal Kinesis wire client over node:http (HTTP/1.1, keep-alive): sends exactly the bytes and
// headers given, so tests can send malformed bodies and benchmarks avoid SDK overhead.
import { Agent, request } from 'node:http';

export const JSON_1_1 = 'application/x-amz-json-1.1';
export const CBOR_1_1 = 'application/x-amz-cbor-1.1';

/** A dummy SigV4 Authorization header: well-formed, not verifiable. */
export const DUMMY_AUTHORIZATION =
  'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/kinesis/aws4_request, ' +
  'SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000000000000000';

export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
}

export interface RawRequest {
  /** Operation name without the `Kinesis_20131202.` prefix; omitted → no X-Amz-Target header. */
  readonly operation?: string;
  readonly body: Buffer | string;
  /** Defaults to application/x-amz-json-1.1; null sends no Content-Type. */
  readonly contentType?: string | null;
  readonly headers?: Readonly<Record<string, string>>;
}

/** The error a JSON call rejects with when the server answers with a non-200 status. */
export class RawAwsError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly body: Record<string, unknown>,
  ) {
    super(`${status} ${type}: ${String(body['message'] ?? body['Message'] ?? '')}`);
    this.name = 'RawAwsError';
  }
}

export class RawKinesisClient {
  private readonly agent: Agent;

  /** @param url server base URL, e.g. `http://127.0.0.1:1234`; @param maxSockets connection pool size */
  constructor(
    readonly url: string,
    maxSockets = 8,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Sends one POST and resolves with the full response, whatever its status. */
  send(req: RawRequest): Promise<RawResponse> {
    const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
    const headers: Record<string, string> = {
      Authorization: DUMMY_AUTHORIZATION,
      'X-Amz-Date': '20240101T000000Z',
      'Content-Length': String(body.length),
      ...req.headers,
    };
    if (req.contentType !== null) headers['Content-Type'] = req.contentType ?? JSON_1_1;
    if (req.operation !== undefined) headers['X-Amz-Target'] = `Kinesis_20131202.${req.operation}`;
    const target = new URL(this.url);
    return new Promise((resolve, reject) => {
      const r = request(
        { host: target.hostname, port: target.port, path: '/', method: 'POST', headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on('error', reject);
        },
      );
      r.on('error', reject);
      r.end(body);
    });
  }

  /** Calls an operation over JSON 1.1; resolves with the parsed output, rejects with RawAwsError. */
  async call<T = Record<string, unknown>>(operation: string, input: unknown): Promise<T> {
    const res = await this.send({ operation, body: JSON.stringify(input) });
    const text = res.body.toString('utf8');
    const parsed = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
    if (res.status !== 200) throw new RawAwsError(res.status, String(parsed['__type'] ?? ''), parsed);
    return parsed as T;
  }

  /** Closes the pooled connections. */
  close(): void {
    this.agent.destroy();
  }
}
