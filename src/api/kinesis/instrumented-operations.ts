// Wraps the data-plane operations (PutRecord, PutRecords, GetRecords) with metrics: success counts
// and latency per stream, records/bytes per stream and shard, hot partition keys, iterator age.
// Everything is read from the decoded input and output; other operations pass through untouched.

import { KinesisMeters, type ShardWriteMeters } from '../../metrics/kinesis-meters.js';
import type { MetricsHub } from '../../metrics/metrics-hub.js';
import type { Operation, OperationInput, OperationOutput } from '../operation.js';
import { readSources } from './read-source.js';

/** `StreamName`, or the name at the end of `StreamARN` (`arn:aws:kinesis:…:stream/<name>`). */
function streamNameOf(input: OperationInput): string {
  if (typeof input.StreamName === 'string') return input.StreamName;
  const arn = typeof input.StreamARN === 'string' ? input.StreamARN : '';
  return arn.slice(arn.indexOf('/') + 1);
}

/** UTF-8 length of a partition key without leaving JS (Buffer.byteLength costs more for short strings). */
function keyBytes(key: string): number {
  let bytes = key.length;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

export function instrumentOperations<D>(operations: readonly Operation<D>[], hub: MetricsHub): Operation<D>[] {
  if (!hub.enabled) return [...operations];
  const meters = new KinesisMeters(hub);
  return operations.map((op): Operation<D> => {
    switch (op.name) {
      case 'PutRecord':
        return {
          name: op.name,
          async handle(input, deps, ctx) {
            const started = performance.now();
            const output = await op.handle(input, deps, ctx);
            const stream = meters.stream(streamNameOf(input));
            stream.timer('kinesis:PutRecord.Latency').observe(performance.now() - started);
            stream.counter('kinesis:PutRecord.Success').add(1);
            const key = input.PartitionKey as string;
            const bytes = (input.Data as Buffer).length + keyBytes(key);
            stream.counter('kinesis:IncomingRecords').add(1);
            stream.counter('kinesis:IncomingBytes').add(bytes);
            const shard = stream.writeShard(output.ShardId as string);
            shard.incomingRecords.add(1);
            shard.incomingBytes.add(bytes);
            shard.hotKeys.offer(key, 1);
            return output;
          },
        };
      case 'PutRecords':
        return {
          name: op.name,
          async handle(input, deps, ctx) {
            const started = performance.now();
            const output = await op.handle(input, deps, ctx);
            recordPutRecords(meters, input, output, performance.now() - started);
            return output;
          },
        };
      case 'GetRecords':
        return {
          name: op.name,
          async handle(input, deps, ctx) {
            const started = performance.now();
            const output = await op.handle(input, deps, ctx);
            const located = readSources.get(output);
            if (located === undefined) return output;
            const stream = meters.stream(located.streamName);
            stream.timer('kinesis:GetRecords.Latency').observe(performance.now() - started);
            stream.counter('kinesis:GetRecords.Success').add(1);
            const records = output.Records as readonly { Data: Buffer; PartitionKey: string; ApproximateArrivalTimestamp: Date }[];
            let bytes = 0;
            for (const r of records) bytes += r.Data.length + keyBytes(r.PartitionKey);
            const last = records[records.length - 1];
            const age = last === undefined ? 0 : Math.max(0, ctx.clock.now() - last.ApproximateArrivalTimestamp.getTime());
            const shard = stream.readShard(located.shardId);
            stream.counter('kinesis:GetRecords.Bytes').add(bytes);
            stream.counter('kinesis:GetRecords.Records').add(records.length);
            stream.gauge('kinesis:GetRecords.IteratorAgeMilliseconds').set(age);
            shard.getBytes.add(bytes);
            shard.getRecords.add(records.length);
            shard.iteratorAge.set(age);
            return output;
          },
        };
      default:
        return op;
    }
  });
}

function recordPutRecords(meters: KinesisMeters, input: OperationInput, output: OperationOutput, latencyMs: number): void {
  const stream = meters.stream(streamNameOf(input));
  stream.timer('kinesis:PutRecords.Latency').observe(latencyMs);
  const entries = input.Records as readonly { Data: Buffer; PartitionKey: string }[];
  const results = output.Records as readonly { ShardId?: string; ErrorCode?: string }[];
  // Per shard, one add per batch: consecutive entries usually go to few shards.
  let current: ShardWriteMeters | undefined;
  let currentId = '';
  let shardRecords = 0;
  let shardBytes = 0;
  let okRecords = 0;
  let okBytes = 0;
  let failed = 0;
  let throttled = 0;
  const flush = (): void => {
    if (current === undefined || shardRecords === 0) return;
    current.incomingRecords.add(shardRecords);
    current.incomingBytes.add(shardBytes);
    shardRecords = 0;
    shardBytes = 0;
  };
  for (let i = 0; i < results.length; i++) {
    const result = results[i]!;
    const entry = entries[i]!;
    if (result.ShardId === undefined) {
      failed++;
      if (result.ErrorCode === 'ProvisionedThroughputExceededException') throttled++;
      continue;
    }
    if (result.ShardId !== currentId) {
      flush();
      currentId = result.ShardId;
      current = stream.writeShard(currentId);
    }
    const bytes = entry.Data.length + keyBytes(entry.PartitionKey);
    shardRecords++;
    shardBytes += bytes;
    okRecords++;
    okBytes += bytes;
    current!.hotKeys.offer(entry.PartitionKey, 1);
  }
  flush();
  if (okRecords > 0) {
    stream.counter('kinesis:PutRecords.Success').add(1);
    stream.counter('kinesis:IncomingRecords').add(okRecords);
    stream.counter('kinesis:IncomingBytes').add(okBytes);
  }
  stream.counter('kinesis:PutRecords.FailedRecords').add(failed);
  if (throttled > 0) stream.counter('kinesis:WriteProvisionedThroughputExceeded').add(throttled);
}
