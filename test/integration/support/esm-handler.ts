// Real Node handlers for the ESM integration tests: each is zipped with fflate and records every
// invocation it receives (event, request id, start/end times, what it returned) as one JSON line in
// the file named by its RECORD_FILE environment variable, so tests can assert exact events and counts.

import { existsSync, readFileSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';

/** One line of a handler's record file. */
export interface RecordedInvocation {
  readonly requestId: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly start: number;
  readonly end: number;
  readonly outcome: 'ok' | 'error';
  readonly result: unknown;
  readonly event: KinesisTestEvent;
}

export interface KinesisEventRecord {
  readonly kinesis: {
    readonly kinesisSchemaVersion: string;
    readonly partitionKey: string;
    readonly sequenceNumber: string;
    readonly data: string;
    readonly approximateArrivalTimestamp: number;
  };
  readonly eventSource: string;
  readonly eventVersion: string;
  readonly eventID: string;
  readonly eventName: string;
  readonly invokeIdentityArn: string;
  readonly awsRegion: string;
  readonly eventSourceARN: string;
}

export interface KinesisTestEvent {
  readonly Records: readonly KinesisEventRecord[];
  readonly [key: string]: unknown;
}

/**
 * An ES module whose `handler` runs `behaviour` — the body of
 * `async function behave(event, context) { … }` — and records the invocation (also when it throws).
 * Inside the body, `data(record)` decodes a record's data to a UTF-8 string and `sleep(ms)` waits.
 */
export function recordingHandler(behaviour: string): string {
  return `import { appendFileSync } from 'node:fs';
const data = (record) => Buffer.from(record.kinesis.data, 'base64').toString('utf8');
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
async function behave(event, context) {
${behaviour}
}
export const handler = async (event, context) => {
  const start = Date.now();
  let outcome = 'ok';
  let result;
  try {
    result = await behave(event, context);
    return result;
  } catch (err) {
    outcome = 'error';
    throw err;
  } finally {
    appendFileSync(process.env.RECORD_FILE, JSON.stringify({
      requestId: context.awsRequestId, functionName: context.functionName, functionVersion: context.functionVersion,
      start, end: Date.now(), outcome, result: result === undefined ? null : result, event,
    }) + '\\n');
  }
};
`;
}

/** A zip holding `index.mjs` (handler `index.handler`). */
export function handlerZip(source: string): Uint8Array {
  return zipSync({ 'index.mjs': strToU8(source) });
}

/** Every invocation recorded so far in `file`, in recording order. */
export function readInvocations(file: string): RecordedInvocation[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordedInvocation);
}

/** The UTF-8 text of an event record's data. */
export function recordText(record: KinesisEventRecord): string {
  return Buffer.from(record.kinesis.data, 'base64').toString('utf8');
}
