// A local HTTP endpoint that answers Firehose HTTP endpoint deliveries (FIREHOSE.md §11): it records
// each request (headers, decoded body) and answers per a scripted list of statuses, then 200 with the
// matching requestId. For the HTTP endpoint integration tests.

import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export interface EndpointRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: { readonly requestId: string; readonly timestamp: number; readonly records: readonly { readonly data: string }[] };
  /** The status this endpoint answered. */
  readonly status: number;
}

export class FirehoseEndpoint {
  readonly requests: EndpointRequest[] = [];
  /** Statuses to answer next, one per request; 200 once empty. */
  readonly script: number[] = [];

  private constructor(private readonly server: Server, readonly url: string) {}

  static async start(): Promise<FirehoseEndpoint> {
    let self: FirehoseEndpoint | undefined;
    const server = createServer((req, res) => {
      const parts: Buffer[] = [];
      req.on('data', (c: Buffer) => parts.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(parts);
        const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        const body = JSON.parse(text) as EndpointRequest['body'];
        const status = self!.script.shift() ?? 200;
        self!.requests.push({ headers: req.headers, body, status });
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status === 200 ? { requestId: body.requestId, timestamp: Date.now() } : { requestId: body.requestId, timestamp: Date.now(), errorMessage: `scripted ${status}` }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    self = new FirehoseEndpoint(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/firehose`);
    return self;
  }

  /** Decoded record data of every successfully answered request, in arrival order. */
  delivered(): string[] {
    return this.requests.filter((r) => r.status === 200).flatMap((r) => r.body.records.map((x) => Buffer.from(x.data, 'base64').toString('utf8')));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }
}
