import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { EventRecordBuilder, kinesisEvent, PLAIN_EVENT_OVERHEAD, recordsJsonBytes } from './kinesis-event.js';

const builder = new EventRecordBuilder(
  { shardId: 'shardId-000000000006', index: 6, createdAt: 1_545_084_000_000 },
  { streamArn: 'arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream', region: 'us-east-2', role: 'arn:aws:iam::123456789012:role/lambda-role' },
);
const stored = (offset: number, partitionKey: string, data: string) => ({ offset, timestamp: 1_545_084_650_987, partitionKey, data: Buffer.from(data) });

describe('Kinesis event records', () => {
  test('a record serializes exactly as the documented example, in AWS key order', () => {
    const record = stored(3, '1', 'Hello, this is a test.');
    const seq = builder.sequenceNumber(record);
    const built = builder.build(record, seq);
    assert.equal(
      built.json.toString(),
      `{"kinesis":{"kinesisSchemaVersion":"1.0","partitionKey":"1","sequenceNumber":"${seq}","data":"SGVsbG8sIHRoaXMgaXMgYSB0ZXN0Lg==",` +
        `"approximateArrivalTimestamp":1545084650.987},"eventSource":"aws:kinesis","eventVersion":"1.0","eventID":"shardId-000000000006:${seq}",` +
        `"eventName":"aws:kinesis:record","invokeIdentityArn":"arn:aws:iam::123456789012:role/lambda-role","awsRegion":"us-east-2",` +
        `"eventSourceARN":"arn:aws:kinesis:us-east-2:123456789012:stream/lambda-stream"}`,
    );
    assert.equal(built.bytes, built.json.length);
  });

  test('partition keys are JSON-escaped and sized in UTF-8 bytes; the event size is predicted exactly', () => {
    const records = [stored(0, 'ключ "1"\n', 'a'), stored(1, '✓', ''), stored(2, 'k', 'xyz')].map((r) => builder.build(r, builder.sequenceNumber(r)));
    const event = kinesisEvent(records);
    const parsed = JSON.parse(event.toString()) as { Records: { kinesis: { partitionKey: string; data: string } }[] };
    assert.deepEqual(parsed.Records.map((r) => r.kinesis.partitionKey), ['ключ "1"\n', '✓', 'k']);
    assert.deepEqual(parsed.Records.map((r) => r.kinesis.data), ['YQ==', '', 'eHl6']);
    const bytes = records.reduce((n, r) => n + r.bytes, 0);
    assert.equal(event.length, PLAIN_EVENT_OVERHEAD + recordsJsonBytes(records.length, bytes));
    assert.equal(kinesisEvent([]).toString(), '{"Records":[]}');
  });
});
