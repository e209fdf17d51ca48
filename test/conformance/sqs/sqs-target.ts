// The endpoint the SQS conformance tests talk to: the in-process gateway with the SQS query router
// and the JSON-RPC router (as the server wires them), over an in-memory store, driven by a
// ManualClock and ManualTimers. Tests send wire requests (JSON 1.0 or query) and read wire answers.

import pino from 'pino';
import { randomUUID } from 'node:crypto';
import { ManualClock } from '../../../src/engine/clock.js';
import { Gateway } from '../../../src/http/gateway.js';
import { JsonRpcRouter } from '../../../src/http/json-rpc-router.js';
import type { Reply } from '../../../src/http/reply.js';
import { createQueueSubsystem, type QueueSubsystem } from '../../../src/queues/queue-subsystem.js';
import { ManualTimers } from '../../../src/queues/manual-timers.test-support.js';
import { SqliteStateStore } from '../../../src/storage/sqlite/sqlite-state-store.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
/** The Host header query requests carry; query-created queue URLs start with it. */
export const QUERY_ORIGIN = 'http://sqs.test:4566';
/** The server URL; JSON-created queue URLs start with it. */
export const SERVER_URL = 'http://127.0.0.1:4566';
const AUTH = 'AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc';

export interface JsonAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Record<string, any>;
}

export interface QueryAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly text: string;
}

export interface SqsTarget {
  readonly clock: ManualClock;
  readonly timers: ManualTimers;
  readonly subsystem: QueueSubsystem;
  /** POSTs a JSON 1.0 request (`X-Amz-Target: AmazonSQS.<operation>`). */
  json(operation: string, body?: Record<string, unknown>): Promise<JsonAnswer>;
  /** JSON request that must succeed; resolves with the body. */
  call(operation: string, body?: Record<string, unknown>): Promise<Record<string, any>>;
  /** JSON request that must fail; resolves with status, `__type`, message and x-amzn-query-error. */
  error(operation: string, body?: Record<string, unknown>): Promise<{ status: number; type: string; message: string; queryError: string }>;
  /** A query request: form-encoded POST by default, or GET with the parameters in the URL. */
  query(params: Record<string, string>, method?: 'POST' | 'GET'): Promise<QueryAnswer>;
  /** Creates a queue over JSON and returns its URL. */
  createQueue(name: string, attributes?: Record<string, string>): Promise<string>;
  close(): Promise<void>;
}

function text(reply: Reply): string {
  return reply.body.toString('utf8');
}

export async function openSqsTarget(): Promise<SqsTarget> {
  const clock = new ManualClock();
  const timers = new ManualTimers(clock);
  const logger = pino({ level: 'silent' });
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  const subsystem = await createQueueSubsystem({
    store,
    clock,
    logger,
    accountId: ACCOUNT,
    region: REGION,
    authMode: 'presence',
    baseUrl: () => SERVER_URL,
    timers,
  });
  const gateway = new Gateway({
    logger,
    routers: [
      ...subsystem.routers,
      new JsonRpcRouter({ services: subsystem.services, authMode: 'presence', accountId: ACCOUNT, region: REGION, clock, logger }),
    ],
  });
  const send = (method: string, url: string, headers: Record<string, string>, body: string): Promise<Reply> =>
    gateway.handle({
      requestId: randomUUID(),
      method,
      url,
      headers: { host: QUERY_ORIGIN.slice('http://'.length), authorization: AUTH, 'x-amz-date': '20240101T000000Z', ...headers },
      body: Buffer.from(body, 'utf8'),
    });
  const json = async (operation: string, body: Record<string, unknown> = {}): Promise<JsonAnswer> => {
    const reply = await send('POST', '/', { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${operation}` }, JSON.stringify(body));
    return { status: reply.status, headers: reply.headers, body: JSON.parse(text(reply)) as Record<string, any> };
  };
  const call = async (operation: string, body: Record<string, unknown> = {}): Promise<Record<string, any>> => {
    const answer = await json(operation, body);
    if (answer.status !== 200) throw new Error(`${operation} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  return {
    clock,
    timers,
    subsystem,
    json,
    call,
    async error(operation, body = {}) {
      const answer = await json(operation, body);
      if (answer.status === 200) throw new Error(`${operation} succeeded but was expected to fail`);
      return {
        status: answer.status,
        type: String(answer.body.__type),
        message: String(answer.body.message ?? answer.body.Message),
        queryError: answer.headers['x-amzn-query-error'] ?? '',
      };
    },
    async query(params, method = 'POST') {
      const form = new URLSearchParams({ Version: '2012-11-05', ...params }).toString();
      const reply =
        method === 'POST'
          ? await send('POST', '/', { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, form)
          : await send('GET', `/?${form}`, {}, '');
      return { status: reply.status, headers: reply.headers, text: text(reply) };
    },
    async createQueue(name, attributes) {
      return (await call('CreateQueue', { QueueName: name, ...(attributes ? { Attributes: attributes } : {}) })).QueueUrl as string;
    },
    async close() {
      await subsystem.close();
      await store.close();
    },
  };
}

/** Runs `body` against a fresh target and closes it afterwards. */
export async function withSqs(body: (t: SqsTarget) => Promise<void>): Promise<void> {
  const target = await openSqsTarget();
  try {
    await body(target);
  } finally {
    await target.close();
  }
}

/** The text of the first `<name>` element of an XML document (unescaped for &amp; &lt; &gt; &quot;). */
export function xmlText(xml: string, name: string): string | undefined {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  return match?.[1]?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
