// Builds @aws-sdk/client-kinesis clients pointed at a local server, either with the client's own
// default handler (NodeHttp2Handler, HTTP/2) or with NodeHttpHandler (HTTP/1.1), and records which
// HTTP version actually carried each response.
import type { IncomingMessage } from 'node:http';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export type HandlerKind = 'default-h2' | 'http1';

export interface ProbedClient {
  readonly client: KinesisClient;
  /** Wire protocol of every response seen so far: 'h2c' / 'h2' for HTTP/2, '1.1' for HTTP/1.1. */
  readonly protocols: string[];
}

/** A client with dummy credentials, us-east-1, no retries. */
export function kinesisClient(url: string, kind: HandlerKind): ProbedClient {
  const client = new KinesisClient({
    endpoint: url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
    maxAttempts: 1,
    ...(kind === 'http1' ? { requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 8 } }) } : {}),
  });
  const protocols: string[] = [];
  client.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      protocols.push(wireProtocolOf((result.response as { body?: unknown }).body));
      return result;
    },
    { step: 'finalizeRequest', name: 'wireProtocolProbe' },
  );
  return { client, protocols };
}

/** A ClientHttp2Stream only exists when h2 frames were exchanged; IncomingMessage reports its version. */
function wireProtocolOf(body: unknown): string {
  if (body !== null && typeof body === 'object') {
    const session = (body as { session?: { alpnProtocol?: string } }).session;
    if (session !== undefined && 'alpnProtocol' in session) return String(session.alpnProtocol);
    if (body.constructor.name === 'ClientHttp2Stream') return 'h2';
    const version = (body as Partial<IncomingMessage>).httpVersion;
    if (version !== undefined) return version;
  }
  return 'unknown';
}
