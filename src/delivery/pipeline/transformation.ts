// Firehose data transformation through a Tributary function (FIREHOSE.md §7): builds the request
// event, validates the response contract (every recordId exactly once, Ok/Dropped/ProcessingFailed,
// base64 data, metadata.partitionKeys), retries failed invocations NumberOfRetries times, then fails
// every record of the batch (they go to the error output; delivery continues).

import { randomUUID } from 'node:crypto';
import type { FunctionInvoker } from '../../functions/function-invoker.js';
import type { TransformationSettings } from '../delivery-stream-definition.js';
import type { SourceRecord } from './delivery-source.js';

export type TransformOutcome =
  | { readonly kind: 'ok'; readonly data: Buffer; readonly partitionKeys: Readonly<Record<string, string>> }
  | { readonly kind: 'dropped' }
  | { readonly kind: 'failed'; readonly errorCode: string; readonly errorMessage: string; readonly attemptsMade: number };

export interface TransformContext {
  readonly invoker: FunctionInvoker;
  readonly settings: TransformationSettings;
  readonly deliveryStreamArn: string;
  readonly region: string;
  readonly sourceKinesisStreamArn?: string;
}

/** `arn:aws:lambda:r:a:function:name[:qualifier]` or a bare name / name:qualifier. */
export function parseLambdaArn(arn: string): { functionName: string; qualifier?: string } {
  const parts = arn.split(':');
  const rest = arn.startsWith('arn:') ? parts.slice(6) : parts;
  return rest.length > 1 && rest[1] !== '' ? { functionName: rest[0]!, qualifier: rest[1]! } : { functionName: rest[0]! };
}

class InvocationFailure extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

function buildEvent(ctx: TransformContext, records: readonly SourceRecord[]): Buffer {
  return Buffer.from(JSON.stringify({
    invocationId: randomUUID(),
    deliveryStreamArn: ctx.deliveryStreamArn,
    ...(ctx.sourceKinesisStreamArn !== undefined ? { sourceKinesisStreamArn: ctx.sourceKinesisStreamArn } : {}),
    region: ctx.region,
    records: records.map((r) => ({
      recordId: r.recordId,
      approximateArrivalTimestamp: r.approximateArrivalTimestamp,
      data: r.data.toString('base64'),
      ...(r.kinesis !== undefined ? { kinesisRecordMetadata: r.kinesis } : {}),
    })),
  }));
}

function parseResponse(payload: Buffer, records: readonly SourceRecord[]): Map<string, TransformOutcome> {
  let body: unknown;
  try { body = JSON.parse(payload.toString('utf8')); } catch { throw new InvocationFailure('Lambda.JsonProcessingException', 'response is not valid JSON'); }
  const list = (body as { records?: unknown } | null)?.records;
  if (!Array.isArray(list)) throw new InvocationFailure('Lambda.JsonProcessingException', 'response has no records array');
  const expected = new Set(records.map((r) => r.recordId));
  const out = new Map<string, TransformOutcome>();
  for (const item of list as unknown[]) {
    const r = (item ?? {}) as { recordId?: unknown; result?: unknown; data?: unknown; metadata?: { partitionKeys?: unknown } };
    if (typeof r.recordId !== 'string' || !expected.has(r.recordId)) throw new InvocationFailure('Lambda.JsonProcessingException', `unexpected recordId ${JSON.stringify(r.recordId)}`);
    if (out.has(r.recordId)) throw new InvocationFailure('Lambda.DuplicatedRecordId', `duplicated recordId ${r.recordId}`);
    if (r.result === 'Ok') {
      if (typeof r.data !== 'string') throw new InvocationFailure('Lambda.JsonProcessingException', `record ${r.recordId} has result Ok and no data`);
      const keys: Record<string, string> = {};
      const pk = r.metadata?.partitionKeys;
      if (pk !== undefined && pk !== null && typeof pk === 'object') {
        for (const [k, v] of Object.entries(pk as Record<string, unknown>)) keys[k] = typeof v === 'string' ? v : JSON.stringify(v);
      }
      out.set(r.recordId, { kind: 'ok', data: Buffer.from(r.data, 'base64'), partitionKeys: keys });
    } else if (r.result === 'Dropped') out.set(r.recordId, { kind: 'dropped' });
    else if (r.result === 'ProcessingFailed') {
      out.set(r.recordId, { kind: 'failed', errorCode: 'Lambda.ProcessingFailed', errorMessage: 'The record was marked ProcessingFailed by the function', attemptsMade: 1 });
    } else throw new InvocationFailure('Lambda.JsonProcessingException', `invalid result ${JSON.stringify(r.result)} for ${r.recordId}`);
  }
  if (out.size !== expected.size) throw new InvocationFailure('Lambda.MissingRecordId', `${expected.size - out.size} recordIds are missing from the response`);
  return out;
}

async function invokeOnce(ctx: TransformContext, records: readonly SourceRecord[]): Promise<Map<string, TransformOutcome>> {
  const target = parseLambdaArn(ctx.settings.lambdaArn);
  let result;
  try {
    result = await ctx.invoker.invoke({ ...target, payload: buildEvent(ctx, records) });
  } catch (err) {
    const name = err instanceof Error ? err.name : '';
    const code = name === 'FunctionThrottledError' ? 'Lambda.InvokeLimitExceeded' : name === 'FunctionNotFoundError' ? 'Lambda.FunctionNotFound' : 'Lambda.FunctionError';
    throw new InvocationFailure(code, err instanceof Error ? err.message : String(err));
  }
  if (result.functionError !== undefined) {
    let message = result.payload.toString('utf8');
    try { message = String((JSON.parse(message) as { errorMessage?: unknown }).errorMessage ?? message); } catch { /* keep raw */ }
    throw new InvocationFailure('Lambda.FunctionError', message);
  }
  return parseResponse(result.payload, records);
}

/** Transforms one batch; never rejects. Outcomes are in input order. */
export async function transformBatch(ctx: TransformContext, records: readonly SourceRecord[]): Promise<TransformOutcome[]> {
  const attempts = ctx.settings.numberOfRetries + 1;
  let last: InvocationFailure | undefined;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      const map = await invokeOnce(ctx, records);
      return records.map((r) => map.get(r.recordId)!);
    } catch (err) {
      last = err instanceof InvocationFailure ? err : new InvocationFailure('Lambda.FunctionError', String(err));
    }
  }
  return records.map(() => ({ kind: 'failed', errorCode: last!.code, errorMessage: last!.message, attemptsMade: attempts }));
}

/** Splits records into invocation batches of at most `maxBytes` (base64 size) each. */
export function chunkForInvocation(records: readonly SourceRecord[], maxBytes: number): SourceRecord[][] {
  const chunks: SourceRecord[][] = [];
  let current: SourceRecord[] = [];
  let size = 0;
  for (const r of records) {
    const bytes = Math.ceil(r.data.length / 3) * 4 + 200;
    if (current.length > 0 && size + bytes > maxBytes) { chunks.push(current); current = []; size = 0; }
    current.push(r);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
