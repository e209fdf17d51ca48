// The ingest workload's request bodies: PutRecords of N entries with random partition keys and
// random fixed-size records, prebuilt once (as SDK input and as the raw JSON body) so the load
// generators spend no time building requests.
import { randomBytes } from 'node:crypto';

export interface PutRecordsBatch {
  readonly entries: readonly { readonly Data: Uint8Array; readonly PartitionKey: string }[];
  /** The same request as a JSON 1.1 body. */
  readonly json: Buffer;
}

export interface BatchOptions {
  readonly streamName: string;
  readonly batches: number;
  readonly entriesPerBatch: number;
  readonly recordBytes: number;
}

/** Builds `batches` distinct PutRecords requests. */
export function buildBatches(options: BatchOptions): PutRecordsBatch[] {
  return Array.from({ length: options.batches }, () => {
    const entries = Array.from({ length: options.entriesPerBatch }, () => ({
      Data: new Uint8Array(randomBytes(options.recordBytes)),
      PartitionKey: randomBytes(12).toString('hex'),
    }));
    const json = Buffer.from(
      JSON.stringify({
        StreamName: options.streamName,
        Records: entries.map((e) => ({ Data: Buffer.from(e.Data).toString('base64'), PartitionKey: e.PartitionKey })),
      }),
    );
    return { entries, json };
  });
}
