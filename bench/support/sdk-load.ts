// Drives a Kinesis endpoint with @aws-sdk/client-kinesis: `concurrency` loops each sending
// prebuilt PutRecords requests back to back until the time is up.
import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { kinesisClient, type HandlerKind } from '../../test/integration/support/sdk-client.js';
import type { PutRecordsBatch } from './put-records-batches.js';

export interface SdkLoadOptions {
  readonly url: string;
  readonly handler: HandlerKind;
  readonly streamName: string;
  readonly batches: readonly PutRecordsBatch[];
  readonly concurrency: number;
  readonly seconds: number;
}

export interface SdkLoadResult {
  /** Records acknowledged without an ErrorCode. */
  readonly records: number;
  readonly failedRecords: number;
  readonly failedRequests: number;
  readonly seconds: number;
  readonly protocols: readonly string[];
}

export async function runSdkLoad(options: SdkLoadOptions): Promise<SdkLoadResult> {
  const { client, protocols } = kinesisClient(options.url, options.handler);
  let records = 0;
  let failedRecords = 0;
  let failedRequests = 0;
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const loop = async (worker: number): Promise<void> => {
    for (let i = worker; performance.now() < deadline && i < 10_000_000; i += options.concurrency) {
      const batch = options.batches[i % options.batches.length]!;
      try {
        const out = await client.send(new PutRecordsCommand({ StreamName: options.streamName, Records: batch.entries as PutRecordsBatch['entries'][number][] }));
        failedRecords += out.FailedRecordCount ?? 0;
        records += batch.entries.length - (out.FailedRecordCount ?? 0);
      } catch {
        failedRequests++;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, w) => loop(w)));
  const seconds = (performance.now() - started) / 1000;
  client.destroy();
  return { records, failedRecords, failedRequests, seconds, protocols: [...new Set(protocols)] };
}
