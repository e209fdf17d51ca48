// Invoke: POST /2015-03-31/functions/{FunctionName}/invocations. RequestResponse → 200 with the
// handler's result (function errors too: 200 + X-Amz-Function-Error), Event → 202 (stored, then run in
// the background), DryRun → 204. Only invoke errors change the status (LAMBDA-API.md §2.7).

import {
  concurrencyExhausted,
  functionNotReady,
  invalidRequestContent,
  requestTooLarge,
} from '../../errors/lambda-errors.js';
import type { Operation } from '../operation.js';
import { requireFunction } from './get-function.js';
import type { LambdaDeps } from './lambda-deps.js';

/** Lambda's payload limits: 6 MB synchronous, 1 MB asynchronous. */
export const SYNC_PAYLOAD_LIMIT = 6_291_456;
export const ASYNC_PAYLOAD_LIMIT = 1_048_576;

const EMPTY_EVENT = Buffer.from('{}');

function checkJson(payload: Buffer): void {
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (err) {
    throw invalidRequestContent(`Could not parse payload into json: ${(err as Error).message}`);
  }
}

export const invoke: Operation<LambdaDeps> = {
  name: 'Invoke',
  async handle(input, deps, ctx) {
    const record = requireFunction(input, deps, ctx);
    const type = (input.InvocationType as string | undefined) ?? 'RequestResponse';
    const payload = (input.Payload as Buffer | undefined) ?? EMPTY_EVENT;
    const limit = type === 'Event' ? ASYNC_PAYLOAD_LIMIT : SYNC_PAYLOAD_LIMIT;
    if (payload.length > limit) throw requestTooLarge(limit);
    checkJson(payload);
    if (record.state !== 'Active') throw functionNotReady(record.state);
    if (type === 'DryRun') return { StatusCode: 204 };

    const request = {
      functionName: record.name,
      payload,
      requestId: ctx.requestId,
      logTail: input.LogType === 'Tail',
      ...(input.Qualifier !== undefined && { qualifier: input.Qualifier as string }),
      ...(input.ClientContext !== undefined && { clientContext: input.ClientContext as string }),
    };
    if (type === 'Event') {
      if (!(await deps.events.submit({ ...request, logTail: false }))) throw concurrencyExhausted();
      return { StatusCode: 202 };
    }
    const result = await deps.invoker.invoke(request);
    const output: Record<string, unknown> = { StatusCode: 200, Payload: result.payload, ExecutedVersion: result.executedVersion };
    if (result.functionError !== undefined) output.FunctionError = result.functionError;
    if (result.logResult !== undefined) output.LogResult = result.logResult;
    return output;
  },
};
