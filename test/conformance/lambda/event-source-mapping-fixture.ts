// In-process client for the event source mapping conformance tests: the real Lambda rest-json
// service (model routing, validation, serialisation, error bodies) over a real MappingRegistry
// with a fake runner, fake streams/functions and a ManualClock. Replies are what goes on the wire.

import { createLambdaService } from '../../../src/api/lambda/lambda-service.js';
import type { LambdaDeps } from '../../../src/api/lambda/lambda-deps.js';
import type { RequestContext } from '../../../src/api/operation.js';
import { AwsError } from '../../../src/errors/aws-error.js';
import { restJsonErrorResponse } from '../../../src/protocol/rest-json-error.js';
import type { RestJsonResponse } from '../../../src/protocol/rest-json-response.js';
import { ACCOUNT, openRegistry, REGION, type RegistryFixture } from '../../../src/mappings/mapping-registry.test-support.js';

export { ACCOUNT, REGION, STREAM_ARN, OTHER_STREAM_ARN, FUNCTION_ARN } from '../../../src/mappings/mapping-registry.test-support.js';

export interface Reply {
  readonly status: number;
  /** x-amzn-ErrorType, on errors only. */
  readonly errorType?: string;
  readonly json: unknown;
}

export interface EsmClient extends RegistryFixture {
  call(method: string, path: string, options?: { readonly query?: Record<string, string>; readonly body?: unknown }): Promise<Reply>;
  /** POST /2015-03-31/event-source-mappings with `body`; returns the created mapping's body. */
  create(body: Record<string, unknown>): Promise<Record<string, unknown>>;
}

function toReply(response: RestJsonResponse): Reply {
  const errorType = response.headers['x-amzn-ErrorType'];
  const json: unknown = response.body.length > 0 ? JSON.parse(response.body.toString('utf8')) : undefined;
  return errorType !== undefined ? { status: response.status, errorType, json } : { status: response.status, json };
}

export async function esmClient(): Promise<EsmClient> {
  const fixture = await openRegistry();
  fixture.clock.set(1_700_000_000_123);
  // Only `mappings` is used by the event source mapping operations.
  const deps = { mappings: fixture.registry, accountId: ACCOUNT, region: REGION } as unknown as LambdaDeps;
  const service = createLambdaService(deps, { logger: { error: () => undefined } });
  const ctx: RequestContext = { requestId: 'req-1', accountId: ACCOUNT, region: REGION, clock: fixture.clock };
  const call: EsmClient['call'] = async (method, path, options = {}) => {
    const body = options.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(options.body));
    const request = {
      method,
      path,
      query: new URLSearchParams(options.query ?? {}),
      headers: { 'content-type': 'application/json' },
      body,
    };
    try {
      return toReply(await service.invoke(request, ctx));
    } catch (err) {
      if (err instanceof AwsError) return toReply(restJsonErrorResponse(err));
      throw err;
    }
  };
  const create: EsmClient['create'] = async (body) => {
    const reply = await call('POST', '/2015-03-31/event-source-mappings', { body });
    if (reply.status !== 202) throw new Error(`create failed: ${JSON.stringify(reply)}`);
    return reply.json as Record<string, unknown>;
  };
  return { ...fixture, call, create };
}
