// One poison record in a 500-record batch: MaximumRetryAttempts 3, BisectBatchOnFunctionError,
// an SQS on-failure destination. The 500 records are put first (the poison at --poison-index,
// default 250), then the mapping is created from TRIM_HORIZON. Reports the invocations (all, and
// those holding the poison), the time until the on-failure message is received, until the shard
// moves past the poison (first invocation starting after it) and until every good record is done.
// Alone: node dist/bench/esm-poison.bench.js [--poison-index 250]
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { isMain, report } from './support/bench-result.js';
import { epochNow, round2, startEsmStage } from './support/esm-stage.js';
import { RawKinesisClient } from '../test/integration/support/raw-kinesis-client.js';
import { readJsonLines } from '../test/integration/support/jsonl-file.js';
import { sqsClient } from '../test/integration/support/mapping-fixture.js';

const STREAM = 'esm-poison';
const RECORDS = 500;
const RETRIES = 3;

const HANDLER = `import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  const t = performance.timeOrigin + performance.now();
  const ids = event.Records.map((r) => Buffer.from(r.kinesis.data, 'base64').toString('utf8'));
  const poison = ids.includes('POISON');
  appendFileSync(process.env.OUT_FILE, JSON.stringify({ t, first: ids[0], last: ids[ids.length - 1], size: ids.length, poison }) + '\\n');
  if (poison) throw new Error('poison record');
};
`;

interface Line {
  readonly t: number;
  readonly first: string;
  readonly last: string;
  readonly size: number;
  readonly poison: boolean;
}

function poisonIndexArg(): number {
  const i = process.argv.indexOf('--poison-index');
  const n = Number(i >= 0 ? process.argv[i + 1] : 250);
  return Number.isInteger(n) && n >= 0 && n < RECORDS ? n : 250;
}

export async function runEsmPoison(poisonIndex: number): Promise<void> {
  const stage = await startEsmStage(STREAM, 1);
  const sqs = sqsClient(stage.server.url);
  const kinesis = new RawKinesisClient(stage.server.url, 1);
  try {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'poison-dlq' }));
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
    await stage.deploy('poison-fn', HANDLER);
    const data = (i: number): string => (i === poisonIndex ? 'POISON' : String(i));
    const put = await kinesis.call<{ FailedRecordCount: number }>('PutRecords', {
      StreamName: STREAM,
      Records: Array.from({ length: RECORDS }, (_, i) => ({ PartitionKey: `pk-${i}`, Data: Buffer.from(data(i)).toString('base64') })),
    });
    if (put.FailedRecordCount !== 0) throw new Error('put failed');

    const created = epochNow();
    await stage.map('poison-fn', {
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: RECORDS,
      MaximumRetryAttempts: RETRIES,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: Attributes!['QueueArn']! } },
    });
    let dlqAt: number | undefined;
    let body = '';
    for (let attempt = 0; attempt < 6 && dlqAt === undefined; attempt++) {
      const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 }));
      if (out.Messages !== undefined && out.Messages.length > 0) {
        dlqAt = epochNow();
        body = out.Messages[0]!.Body!;
      }
    }
    if (dlqAt === undefined) throw new Error('no on-failure message within 120 s');
    let lines: Line[] = [];
    const good = (l: Line): boolean => !l.poison;
    for (let waited = 0; waited < 400; waited++) {
      lines = await readJsonLines<Line>(stage.outFile);
      const done = new Set<number>();
      for (const l of lines.filter(good)) for (let i = Number(l.first); i <= Number(l.last); i++) done.add(i);
      if (done.size === RECORDS - 1) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const first = lines[0]!.t;
    const movedOn = lines.find((l) => Number(l.first) > poisonIndex && l.first !== 'POISON');
    const allGood = Math.max(...lines.filter(good).map((l) => l.t));
    const onPath = lines.filter((l) => l.poison);
    const invokeCount = (JSON.parse(body) as { requestContext: { approximateInvokeCount: number } }).requestContext.approximateInvokeCount;
    const notes = `1 shard, ${RECORDS} records put first, poison at index ${poisonIndex}, BatchSize ${RECORDS}, MaximumRetryAttempts ${RETRIES}, bisect; poison-path sizes ${onPath.map((l) => l.size).join(',')}; approximateInvokeCount ${invokeCount}`;
    report({ bench: 'esm-poison', metric: 'invocations (all)', value: lines.length, unit: 'invocations', notes });
    report({ bench: 'esm-poison', metric: 'invocations holding the poison record', value: onPath.length, unit: 'invocations', notes });
    report({ bench: 'esm-poison', metric: 'first invocation → on-failure message received', value: round2(dlqAt - first), unit: 'ms', notes });
    if (movedOn !== undefined) report({ bench: 'esm-poison', metric: 'first invocation → first invocation past the poison', value: round2(movedOn.t - first), unit: 'ms', notes });
    report({ bench: 'esm-poison', metric: 'first invocation → last good record delivered', value: round2(allGood - first), unit: 'ms', notes });
    report({ bench: 'esm-poison', metric: 'mapping created → first invocation', value: round2(first - created), unit: 'ms', notes });
  } finally {
    sqs.destroy();
    kinesis.close();
    await stage.stop();
  }
}

if (isMain(import.meta.url)) {
  await runEsmPoison(poisonIndexArg());
}
