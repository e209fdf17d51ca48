// The seed scenario, verbatim apart from --endpoint-url, through the Debian AWS CLI
// against the real server: a stream, a DLQ, a zipped Node handler that throws on a corrupted
// record, a mapping with batch 500 / 3 retries / bisect / SQS on-failure destination; then 1,000
// records with one that is not JSON. Every good record is processed, the bad one lands in the
// queue with AWS's exact on-failure message, and the shard keeps flowing afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTributary, type TributaryProcess } from './support/tributary-process.js';
import { awsCli, type AwsCli } from './support/aws-cli-runner.js';
import { zipHandler } from './support/handler-zip.js';
import { readJsonLines } from './support/jsonl-file.js';
import { pollUntil } from './support/poll-until.js';

const STREAM = 'seed-stream';
const QUEUE = 'seed-dlq';
const FUNCTION = 'seed-consumer';
const STREAM_ARN = `arn:aws:kinesis:us-east-1:000000000000:stream/${STREAM}`;
const QUEUE_ARN = `arn:aws:sqs:us-east-1:000000000000:${QUEUE}`;
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:000000000000:function:${FUNCTION}`;
const RECORDS = 1000;
const BAD_INDEX = 700;
const MAX_RETRIES = 3;
const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** The consumer: logs each invocation, then parses every record (throwing on the corrupted one). */
const HANDLER = `import { appendFileSync } from 'node:fs';

export const handler = async (event, context) => {
  appendFileSync(process.env.INVOCATIONS_FILE, JSON.stringify({
    requestId: context.awsRequestId,
    records: event.Records.map((r) => [r.kinesis.sequenceNumber, r.kinesis.approximateArrivalTimestamp]),
  }) + '\\n');
  for (const record of event.Records) {
    const order = JSON.parse(Buffer.from(record.kinesis.data, 'base64').toString('utf8'));
    appendFileSync(process.env.PROCESSED_FILE, JSON.stringify({ seq: record.kinesis.sequenceNumber, n: order.n }) + '\\n');
  }
  return { processed: event.Records.length };
};
`;

interface Invocation {
  readonly requestId: string;
  readonly records: readonly [string, number][];
}
interface Processed {
  readonly seq: string;
  readonly n: number;
}
interface PutRecordsOutput {
  readonly FailedRecordCount: number;
  readonly Records: readonly { SequenceNumber: string; ShardId: string }[];
}
interface SqsMessage {
  readonly MessageId: string;
  readonly ReceiptHandle: string;
  readonly MD5OfBody: string;
  readonly Body: string;
  readonly MessageAttributes?: unknown;
}

let server: TributaryProcess;
let work: string;
let aws: AwsCli;

before(async () => {
  work = await mkdtemp(join(tmpdir(), 'tributary-seed-'));
  server = await startTributary({ dataDir: join(work, 'data'), env: { TRIBUTARY_LOG_LEVEL: 'warn' } });
  aws = awsCli(server.url, work);
});

after(async () => {
  await server?.stop();
  await rm(work, { recursive: true, force: true });
});

/** Puts `data` (one record per entry, partition key pk-<index>) with `aws kinesis put-records`. */
async function putRecords(name: string, entries: readonly { index: number; data: string }[]): Promise<string[]> {
  const file = join(work, `${name}.json`);
  await writeFile(file, JSON.stringify(entries.map((e) => ({ Data: Buffer.from(e.data).toString('base64'), PartitionKey: `pk-${e.index}` }))));
  const out = (await aws.json<PutRecordsOutput>('kinesis', 'put-records', '--stream-name', STREAM, '--records', `file://${file}`))!;
  assert.equal(out.FailedRecordCount, 0);
  assert.equal(out.Records.length, entries.length);
  for (const r of out.Records) assert.equal(r.ShardId, 'shardId-000000000000');
  return out.Records.map((r) => r.SequenceNumber);
}

const goodData = (n: number): string => JSON.stringify({ n, item: `order-${n}` });

test('seed scenario: a corrupted record among 1,000 ends in the DLQ with the exact message, everything else is processed', { timeout: 180_000 }, async (t) => {
  const processedFile = join(work, 'processed.jsonl');
  const invocationsFile = join(work, 'invocations.jsonl');
  const started = Date.now();
  const phases: string[] = [];
  const phase = (name: string): void => void phases.push(`${name} ${((Date.now() - started) / 1000).toFixed(1)} s`);

  // 1. The stream.
  assert.equal(await aws.json('kinesis', 'create-stream', '--stream-name', STREAM, '--shard-count', '1'), undefined);
  await aws.json('kinesis', 'wait', 'stream-exists', '--stream-name', STREAM);

  // 2. The dead-letter queue.
  const created = (await aws.json<{ QueueUrl: string }>('sqs', 'create-queue', '--queue-name', QUEUE))!;
  assert.equal(created.QueueUrl, `${server.url}/000000000000/${QUEUE}`);
  const attrs = (await aws.json<{ Attributes: Record<string, string> }>('sqs', 'get-queue-attributes', '--queue-url', created.QueueUrl, '--attribute-names', 'QueueArn'))!;
  assert.deepEqual(attrs.Attributes, { QueueArn: QUEUE_ARN });

  // 3. The function, uploaded as a zip.
  const zipPath = join(work, 'function.zip');
  await writeFile(zipPath, zipHandler({ 'index.mjs': HANDLER }));
  const fn = (await aws.json<Record<string, unknown>>(
    'lambda', 'create-function',
    '--function-name', FUNCTION,
    '--runtime', 'nodejs20.x',
    '--role', 'arn:aws:iam::000000000000:role/lambda-role',
    '--handler', 'index.handler',
    '--zip-file', `fileb://${zipPath}`,
    '--environment', JSON.stringify({ Variables: { PROCESSED_FILE: processedFile, INVOCATIONS_FILE: invocationsFile } }),
  ))!;
  assert.equal(fn['FunctionArn'], FUNCTION_ARN);
  assert.equal(fn['Handler'], 'index.handler');
  assert.equal(fn['State'], 'Pending');
  await aws.json('lambda', 'wait', 'function-active-v2', '--function-name', FUNCTION);

  // 4. The mapping, with the seed's flags.
  const mapping = (await aws.json<Record<string, unknown>>(
    'lambda', 'create-event-source-mapping',
    '--function-name', FUNCTION,
    '--event-source-arn', STREAM_ARN,
    '--batch-size', '500',
    '--starting-position', 'TRIM_HORIZON',
    '--maximum-retry-attempts', String(MAX_RETRIES),
    '--destination-config', JSON.stringify({ OnFailure: { Destination: QUEUE_ARN } }),
    '--bisect-batch-on-function-error',
  ))!;
  const uuid = String(mapping['UUID']);
  assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(mapping['State'], 'Creating');
  assert.equal(mapping['EventSourceArn'], STREAM_ARN);
  assert.equal(mapping['FunctionArn'], FUNCTION_ARN);
  assert.equal(mapping['BatchSize'], 500);
  assert.equal(mapping['StartingPosition'], 'TRIM_HORIZON');
  assert.equal(mapping['MaximumRetryAttempts'], MAX_RETRIES);
  assert.equal(mapping['BisectBatchOnFunctionError'], true);
  assert.deepEqual(mapping['DestinationConfig'], { OnFailure: { Destination: QUEUE_ARN } });

  // 5. 1,000 records, one of them corrupted (not JSON), in two put-records calls of 500.
  const data = Array.from({ length: RECORDS }, (_, index) => ({ index, data: index === BAD_INDEX ? '{"n":700,"item":"order-7' : goodData(index) }));
  const seqs = [...(await putRecords('first', data.slice(0, 500))), ...(await putRecords('second', data.slice(500)))];
  const badSeq = seqs[BAD_INDEX]!;
  const goodSeqs = new Map(seqs.map((s, i) => [s, i] as const).filter(([, i]) => i !== BAD_INDEX));

  phase('set up and put');
  // 6. Every good record is processed (duplicates are allowed: failed batches are retried).
  const processed = await pollUntil(async () => {
    const lines = await readJsonLines<Processed>(processedFile);
    const seen = new Set(lines.map((l) => l.seq));
    return [...goodSeqs.keys()].every((s) => seen.has(s)) ? lines : undefined;
  }, 'all 999 good records processed', 90_000, 100);
  for (const line of processed) {
    assert.notEqual(line.seq, badSeq, 'the corrupted record was never processed');
    assert.equal(line.n, goodSeqs.get(line.seq), `record ${line.seq} carried its own data`);
  }

  phase('good records processed');
  // 7. The corrupted record is in the queue with the exact on-failure message.
  let message: SqsMessage | undefined;
  for (let attempt = 0; attempt < 4 && message === undefined; attempt++) {
    const out = await aws.json<{ Messages?: SqsMessage[] }>('sqs', 'receive-message', '--queue-url', created.QueueUrl, '--wait-time-seconds', '20', '--max-number-of-messages', '10');
    assert.ok((out?.Messages?.length ?? 0) <= 1, 'one on-failure message');
    message = out?.Messages?.[0];
  }
  assert.ok(message !== undefined, 'an on-failure message arrived');
  phase('on-failure message received');
  const invocations = await readJsonLines<Invocation>(invocationsFile);
  const poisonPath = invocations.filter((inv) => inv.records.some(([seq]) => seq === badSeq));
  t.diagnostic(`invocations: ${invocations.length} in all; with the corrupted record: ${poisonPath.map((i) => i.records.length).join(', ')}`);
  const alone = poisonPath.filter((inv) => inv.records.length === 1);
  assert.equal(alone.length, MAX_RETRIES + 1, 'the corrupted record alone: one invocation and MaximumRetryAttempts retries');
  const arrival = new Date(Math.round(alone[0]!.records[0]![1] * 1000)).toISOString();
  const body = JSON.parse(message.Body) as { timestamp: string };
  assert.match(body.timestamp, ISO_MS);
  assert.ok(body.timestamp >= arrival && Date.parse(body.timestamp) <= Date.now(), `discard time ${body.timestamp} after arrival ${arrival}`);
  const expected = {
    requestContext: {
      requestId: alone[alone.length - 1]!.requestId,
      functionArn: FUNCTION_ARN,
      condition: 'RetryAttemptsExhausted',
      approximateInvokeCount: MAX_RETRIES + 1,
    },
    responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
    version: '1.0',
    timestamp: body.timestamp,
    KinesisBatchInfo: {
      shardId: 'shardId-000000000000',
      startSequenceNumber: badSeq,
      endSequenceNumber: badSeq,
      approximateArrivalOfFirstRecord: arrival,
      approximateArrivalOfLastRecord: arrival,
      batchSize: 1,
      streamArn: STREAM_ARN,
    },
  };
  assert.equal(message.Body, JSON.stringify(expected), 'compact JSON in AWS key order');
  assert.equal(message.MD5OfBody, createHash('md5').update(message.Body).digest('hex'));
  assert.equal(message.MessageAttributes, undefined);
  await aws.json('sqs', 'delete-message', '--queue-url', created.QueueUrl, '--receipt-handle', message.ReceiptHandle);

  // 8. The shard keeps flowing: later records are delivered, no further on-failure message.
  const later = await putRecords('later', Array.from({ length: 5 }, (_, i) => ({ index: RECORDS + i, data: goodData(RECORDS + i) })));
  await pollUntil(async () => {
    const seen = new Set((await readJsonLines<Processed>(processedFile)).map((l) => l.seq));
    return later.every((s) => seen.has(s));
  }, 'records put after the discard processed', 30_000, 50);
  const rest = await aws.json<{ Messages?: SqsMessage[] }>('sqs', 'receive-message', '--queue-url', created.QueueUrl, '--wait-time-seconds', '1');
  assert.equal(rest?.Messages, undefined, 'no second on-failure message');
  const settled = (await aws.json<Record<string, unknown>>('lambda', 'get-event-source-mapping', '--uuid', uuid))!;
  assert.equal(settled['State'], 'Enabled');
  assert.equal(settled['LastProcessingResult'], 'OK');
  phase('shard kept flowing');
  t.diagnostic(`at ${phases.join(', ')}`);
});
