// The last failed invocations of each function, for the console's "last errors with the failing
// record": wraps the FunctionInvoker and, only when an invocation fails (function error, or a
// partial batch failure reported with batchItemFailures), keeps the error and, for a Kinesis
// batch, its stream, shard, size and the failing record (the first reported item, else the first
// record of the batch). Successful invocations cost one property check. Bounded: `perFunction`
// entries per function, `maxFunctions` functions, record data cut to 4 KiB.

import type { FunctionInvoker, InvokeRequest, InvokeResult } from '../functions/function-invoker.js';
import { decodeData, type DecodedData } from './record-decoding.js';

export interface FailingRecord {
  readonly sequenceNumber: string;
  readonly partitionKey: string;
  /** Decoded data (cut to 4 KiB before decoding when larger). */
  readonly data: DecodedData;
  readonly truncated: boolean;
}

export interface InvocationError {
  readonly atMs: number;
  readonly functionName: string;
  readonly requestId: string;
  /** Lambda's errorType (e.g. `Error`, `Sandbox.Timedout`), or `PartialBatchFailure`. */
  readonly errorType: string;
  readonly errorMessage: string;
  /** The Kinesis batch that failed; null for other events. */
  readonly batch: {
    readonly streamArn: string;
    readonly shardId: string;
    readonly size: number;
    readonly firstSequenceNumber: string;
    readonly lastSequenceNumber: string;
    /** Items the function reported failed (batchItemFailures), 0 for a whole-batch failure. */
    readonly reportedFailures: number;
    readonly failingRecord: FailingRecord | null;
  } | null;
}

interface KinesisEventRecord {
  eventID?: string;
  eventSourceARN?: string;
  kinesis?: { partitionKey?: string; sequenceNumber?: string; data?: string };
}

const MAX_DATA = 4096;
/** Events larger than this are not parsed for their batch (the error itself is still kept). */
const MAX_PARSED_EVENT = 8 * 1024 * 1024;

export class InvocationErrors {
  private readonly byFunction = new Map<string, InvocationError[]>();

  constructor(private readonly o: { now: () => number; perFunction?: number; maxFunctions?: number }) {}

  /** A FunctionInvoker that records the failures of every invocation through `target`. */
  wrap(target: FunctionInvoker): FunctionInvoker {
    return {
      invoke: async (request: InvokeRequest): Promise<InvokeResult> => {
        const result = await target.invoke(request);
        if (result.functionError !== undefined || mayReportFailures(result.payload)) this.inspect(request, result);
        return result;
      },
    };
  }

  /** The function's last failures, newest first. */
  recent(functionName: string): readonly InvocationError[] {
    return [...(this.byFunction.get(functionName) ?? [])].reverse();
  }

  private inspect(request: InvokeRequest, result: InvokeResult): void {
    const answer = parseObject(result.payload);
    let errorType: string;
    let errorMessage: string;
    let failedIds: string[] = [];
    if (result.functionError !== undefined) {
      errorType = typeof answer?.['errorType'] === 'string' ? answer['errorType'] : result.functionError;
      errorMessage = typeof answer?.['errorMessage'] === 'string' ? answer['errorMessage'].slice(0, 1000) : '';
    } else {
      const items = answer?.['batchItemFailures'];
      if (!Array.isArray(items) || items.length === 0) return;
      failedIds = items.map((i: unknown) => (i !== null && typeof i === 'object' ? String((i as Record<string, unknown>)['itemIdentifier']) : ''));
      errorType = 'PartialBatchFailure';
      errorMessage = `the function reported ${items.length} failed item(s)`;
    }
    this.push({ atMs: this.o.now(), functionName: request.functionName, requestId: result.requestId, errorType, errorMessage, batch: kinesisBatch(request.payload, failedIds) });
  }

  private push(entry: InvocationError): void {
    let ring = this.byFunction.get(entry.functionName);
    if (ring === undefined) {
      if (this.byFunction.size >= (this.o.maxFunctions ?? 1000)) this.byFunction.delete(this.byFunction.keys().next().value!);
      ring = [];
      this.byFunction.set(entry.functionName, ring);
    }
    ring.push(entry);
    if (ring.length > (this.o.perFunction ?? 20)) ring.shift();
  }
}

function mayReportFailures(payload: Buffer): boolean {
  return payload.length > 20 && payload.includes('batchItemFailures');
}

function parseObject(bytes: Buffer): Record<string, unknown> | undefined {
  if (bytes.length > MAX_PARSED_EVENT) return undefined;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function kinesisBatch(payload: Buffer, failedIds: readonly string[]): InvocationError['batch'] {
  const records = parseObject(payload)?.['Records'];
  if (!Array.isArray(records) || records.length === 0) return null;
  const all = records as KinesisEventRecord[];
  const first = all[0]!;
  if (first.kinesis === undefined || typeof first.eventSourceARN !== 'string') return null;
  const failing = all.find((r) => r.kinesis?.sequenceNumber === failedIds[0]) ?? first;
  return {
    streamArn: first.eventSourceARN,
    shardId: (first.eventID ?? '').split(':')[0] ?? '',
    size: all.length,
    firstSequenceNumber: first.kinesis.sequenceNumber ?? '',
    lastSequenceNumber: all.at(-1)!.kinesis?.sequenceNumber ?? '',
    reportedFailures: failedIds.length,
    failingRecord: failingRecord(failing),
  };
}

function failingRecord(r: KinesisEventRecord): FailingRecord | null {
  const k = r.kinesis;
  if (k?.sequenceNumber === undefined || k.partitionKey === undefined) return null;
  const raw = Buffer.from(k.data ?? '', 'base64');
  return { sequenceNumber: k.sequenceNumber, partitionKey: k.partitionKey, data: decodeData(raw.subarray(0, MAX_DATA)), truncated: raw.length > MAX_DATA };
}
