// In-process client for the function conformance tests: the real Lambda rest-json service (model
// routing, binding, validation, serialisation, error bodies) over a real FunctionRegistry (SQLite
// in memory, code under a temp dir) with a scripted fake invoker and a ManualClock.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { createLambdaService } from '../../../src/api/lambda/lambda-service.js';
import type { LambdaDeps } from '../../../src/api/lambda/lambda-deps.js';
import type { RequestContext } from '../../../src/api/operation.js';
import { ManualClock } from '../../../src/engine/clock.js';
import { AwsError } from '../../../src/errors/aws-error.js';
import { EventInvocations } from '../../../src/functions/event-invocations.js';
import type { FunctionInvoker, InvokeRequest, InvokeResult } from '../../../src/functions/function-invoker.js';
import { FunctionRegistry } from '../../../src/functions/function-registry.js';
import { restJsonErrorResponse } from '../../../src/protocol/rest-json-error.js';
import type { RestJsonResponse } from '../../../src/protocol/rest-json-response.js';
import { SqliteStateStore } from '../../../src/storage/sqlite/sqlite-state-store.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const ROLE = 'arn:aws:iam::000000000000:role/lambda-role';
export const NOW = 1_700_000_000_123;
/** Lambda's text for NOW. */
export const NOW_TEXT = '2023-11-14T22:13:20.123+0000';

export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, or undefined when empty. */
  readonly json: any;
  readonly body: Buffer;
}

export interface CallOptions {
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** An object is sent as JSON; a Buffer as is. */
  readonly body?: unknown;
}

export interface FunctionClient {
  readonly clock: ManualClock;
  readonly functions: FunctionRegistry;
  readonly dataDir: string;
  /** What the fake invoker was asked to run, in order. */
  readonly invocations: InvokeRequest[];
  /** The fake invoker's next answer (default: echo the payload). */
  respond(answer: (request: InvokeRequest) => Promise<InvokeResult>): void;
  call(method: string, path: string, options?: CallOptions): Promise<Reply>;
  /** CreateFunction of `name` with index.js `source` (defaults: nodejs20.x, index.handler). */
  create(name: string, overrides?: Record<string, unknown>): Promise<Reply>;
  events: EventInvocations;
  close(): Promise<void>;
}

/** A zip holding the given files (name → text). */
export function zipOf(files: Record<string, string>): Buffer {
  const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)]));
  return Buffer.from(zipSync(entries));
}

export const HANDLER_ZIP = zipOf({ 'index.js': 'exports.handler = async (event) => event;\n' });

function toReply(response: RestJsonResponse): Reply {
  const text = response.body.toString('utf8');
  let json: unknown;
  if (response.body.length > 0 && response.headers['Content-Type'] === 'application/json') {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  return { status: response.status, headers: response.headers, json, body: response.body };
}

export async function functionClient(): Promise<FunctionClient> {
  const clock = new ManualClock(NOW);
  const dataDir = await mkdtemp(join(tmpdir(), 'tributary-lambda-conf-'));
  const store = new SqliteStateStore({ path: ':memory:' });
  await store.open();
  const functions = new FunctionRegistry({ store, clock, dataDir, accountId: ACCOUNT, region: REGION, defaultConcurrency: 10 });
  await functions.load();
  const invocations: InvokeRequest[] = [];
  let answer = async (request: InvokeRequest): Promise<InvokeResult> => ({
    requestId: request.requestId ?? 'generated',
    payload: request.payload,
    executedVersion: '$LATEST',
    durationMs: 1,
  });
  const invoker: FunctionInvoker = {
    invoke: (request) => {
      invocations.push(request);
      return answer(request);
    },
  };
  const events = new EventInvocations({ invoker, logger: { warn: () => undefined }, store, maxPending: 2 });
  const deps = { functions, invoker, events, mappings: undefined, accountId: ACCOUNT, region: REGION } as unknown as LambdaDeps;
  const service = createLambdaService(deps, { logger: { error: () => undefined } });
  const ctx: RequestContext = { requestId: '11111111-2222-3333-4444-555555555555', accountId: ACCOUNT, region: REGION, clock };

  const call: FunctionClient['call'] = async (method, path, options = {}) => {
    const body =
      options.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(options.body) ? options.body : Buffer.from(JSON.stringify(options.body));
    const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const url = path.split('?');
    const query = new URLSearchParams(url[1] ?? '');
    for (const [k, v] of Object.entries(options.query ?? {})) query.set(k, v);
    try {
      return toReply(await service.invoke({ method, path: url[0]!, query, headers: { 'content-type': 'application/json', ...headers }, body }, ctx));
    } catch (err) {
      if (err instanceof AwsError) return toReply(restJsonErrorResponse(err));
      throw err;
    }
  };
  return {
    clock,
    functions,
    dataDir,
    invocations,
    events,
    respond: (next) => {
      answer = next;
    },
    call,
    create: (name, overrides = {}) =>
      call('POST', '/2015-03-31/functions', {
        body: {
          FunctionName: name,
          Runtime: 'nodejs20.x',
          Role: ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: HANDLER_ZIP.toString('base64') },
          ...overrides,
        },
      }),
    async close() {
      await events.drain();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Runs `body` with a fresh client, closing it afterwards. */
export async function withFunctions(body: (client: FunctionClient) => Promise<void>): Promise<void> {
  const client = await functionClient();
  try {
    await body(client);
  } finally {
    await client.close();
  }
}
