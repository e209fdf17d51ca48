// kill -9 while a mapping is retrying a failing batch: after the restart the batch is retried from
// its checkpoint (nothing before it is repeated, nothing after it is skipped), it is discarded to
// the SQS on-failure destination exactly once, and the shard flows on.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { startTributary, type TributaryProcess } from '../integration/support/tributary-process.js';
import { RawKinesisClient } from '../integration/support/raw-kinesis-client.js';
import { pollUntil } from '../integration/support/poll-until.js';
import { readJsonLines } from '../integration/support/jsonl-file.js';
import { createMapping, deployFunction, lambdaClient, sqsClient } from '../integration/support/mapping-fixture.js';

const STREAM = 'esm-crash-retry';
const STREAM_ARN = `arn:aws:kinesis:us-east-1:000000000000:stream/${STREAM}`;
const RECORDS = 30;
const POISON = 15;
const RETRIES = 2;

/** Logs every invocation (ids of its records), then fails when the batch holds the poison record. */
const HANDLER = `import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  const ids = event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString('utf8'));
  appendFileSync(process.env.OUT_FILE, JSON.stringify(ids) + '\\n');
  if (ids.includes('POISON')) throw new Error('poison record');
};
`;

let dir: string | undefined;
let server: TributaryProcess | undefined;
let sqs: SQSClient | undefined;

after(async () => {
  sqs?.destroy();
  await server?.kill9();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

test('kill -9 between retries of a failing batch: retried from the checkpoint, discarded once, the shard flows on', { timeout: 120_000 }, async (t) => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-esm-crash-retry-'));
  const dataDir = join(dir, 'data');
  const out = join(dir, 'invocations.jsonl');
  server = await startTributary({ dataDir, env: { TRIBUTARY_LOG_LEVEL: 'warn' } });
  const kinesis = new RawKinesisClient(server.url, 1);
  await kinesis.call('CreateStream', { StreamName: STREAM, ShardCount: 1 });
  await pollUntil(async () => (await kinesis.call<{ StreamDescriptionSummary: { StreamStatus: string } }>('DescribeStreamSummary', { StreamName: STREAM })).StreamDescriptionSummary.StreamStatus === 'ACTIVE', 'stream ACTIVE');
  sqs = sqsClient(server.url);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'crash-dlq' }));
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const put = await kinesis.call<{ Records: { SequenceNumber: string }[] }>('PutRecords', {
    StreamName: STREAM,
    Records: Array.from({ length: RECORDS }, (_, i) => ({ PartitionKey: `pk-${i}`, Data: Buffer.from(i === POISON ? 'POISON' : String(i)).toString('base64') })),
  });
  kinesis.close();
  const seqs = put.Records.map((r) => r.SequenceNumber);

  const lambda = lambdaClient(server.url);
  await deployFunction(lambda, { name: 'retry-fn', source: HANDLER, environment: { OUT_FILE: out } });
  await createMapping(lambda, {
    FunctionName: 'retry-fn',
    EventSourceArn: STREAM_ARN,
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 10,
    MaximumRetryAttempts: RETRIES,
    DestinationConfig: { OnFailure: { Destination: Attributes!['QueueArn']! } },
  });
  lambda.destroy();

  // Kill as soon as the failing batch has been invoked once: the engine is then waiting to retry it.
  const failing = (ids: string[]): boolean => ids.includes('POISON');
  await pollUntil(async () => (await readJsonLines<string[]>(out)).some(failing), 'the failing batch invoked', 30_000, 5);
  await server.kill9();
  const before = await readJsonLines<string[]>(out);
  t.diagnostic(`before the kill: ${before.map((ids) => `[${ids[0]}..${ids[ids.length - 1]}]`).join(' ')}`);
  assert.deepEqual(before.filter((ids) => !failing(ids)), [Array.from({ length: 10 }, (_, i) => String(i))], 'only the first batch succeeded before the kill');
  assert.equal(before.filter(failing).length, 1, 'killed before the first retry');

  server = await startTributary({ dataDir, env: { TRIBUTARY_LOG_LEVEL: 'warn' } });
  sqs.destroy();
  sqs = sqsClient(server.url);
  await pollUntil(async () => (await readJsonLines<string[]>(out)).some((ids) => ids.includes(String(RECORDS - 1))), 'the last record delivered', 30_000, 20);
  const afterRestart = (await readJsonLines<string[]>(out)).slice(before.length);
  t.diagnostic(`after the restart: ${afterRestart.map((ids) => `[${ids[0]}..${ids[ids.length - 1]}]`).join(' ')}`);
  const expectedFailing = Array.from({ length: 10 }, (_, i) => (10 + i === POISON ? 'POISON' : String(10 + i)));
  assert.deepEqual(afterRestart, [
    ...Array.from({ length: RETRIES + 1 }, () => expectedFailing),
    Array.from({ length: 10 }, (_, i) => String(20 + i)),
  ], 'the failing batch is retried from its checkpoint with a fresh quota, then the shard moves on');

  const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: QueueUrl!.replace(/^http:\/\/[^/]+/, server.url), WaitTimeSeconds: 5, MaxNumberOfMessages: 10 }));
  assert.equal(received.Messages?.length, 1, 'one on-failure message');
  const body = JSON.parse(received.Messages![0]!.Body!) as { requestContext: Record<string, unknown>; KinesisBatchInfo: Record<string, unknown> };
  assert.equal(body.requestContext['condition'], 'RetryAttemptsExhausted');
  assert.equal(body.requestContext['approximateInvokeCount'], RETRIES + 1);
  assert.equal(body.KinesisBatchInfo['startSequenceNumber'], seqs[10]);
  assert.equal(body.KinesisBatchInfo['endSequenceNumber'], seqs[19]);
  assert.equal(body.KinesisBatchInfo['batchSize'], 10);
});
