// Event source mapping checkpoints under kill -9: two functions map the same 3-shard stream; the
// server is killed with SIGKILL while both are working through a backlog, restarted on the same
// data dir, several times. Every mapping must resume from its checkpoint: per shard, the first
// batch after a restart starts right after the last batch delivered before the kill, or re-delivers
// that last (in-flight) batch; no record is skipped and nothing else is delivered twice.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTributary, type TributaryProcess } from '../integration/support/tributary-process.js';
import { RawKinesisClient } from '../integration/support/raw-kinesis-client.js';
import { pollUntil } from '../integration/support/poll-until.js';
import { readJsonLines } from '../integration/support/jsonl-file.js';
import { createMapping, deployFunction, lambdaClient } from '../integration/support/mapping-fixture.js';
import { checkResumption, type Batch } from './esm-crash-resumption.js';

const STREAM = 'esm-crash';
const STREAM_ARN = `arn:aws:kinesis:us-east-1:000000000000:stream/${STREAM}`;
const SHARDS = 3;
const FUNCTIONS = ['crash-a', 'crash-b'] as const;
const CYCLES = 3;
const RECORDS_PER_CYCLE = 1500;
const BATCH_SIZE = 20;

/** Logs each batch at the start of the invocation, then works for a while so kills land mid-batch. */
const HANDLER = `import { appendFileSync } from 'node:fs';
export const handler = async (event) => {
  const first = event.Records[0].eventID;
  appendFileSync(process.env.BATCHES_FILE, JSON.stringify({
    shardId: first.slice(0, first.indexOf(':')),
    seqs: event.Records.map((r) => r.kinesis.sequenceNumber),
  }) + '\\n');
  await new Promise((resolve) => setTimeout(resolve, 25));
};
`;

let dir: string | undefined;
let server: TributaryProcess | undefined;

after(async () => {
  await server?.kill9();
  if (dir !== undefined) await rm(dir, { recursive: true, force: true });
});

const fileOf = (fn: string): string => join(dir!, `${fn}.jsonl`);

async function putBacklog(url: string, count: number, acked: Map<string, string[]>): Promise<void> {
  const client = new RawKinesisClient(url, 4);
  try {
    for (let done = 0; done < count; done += 250) {
      const out = await client.call<{ FailedRecordCount: number; Records: { ShardId: string; SequenceNumber: string }[] }>('PutRecords', {
        StreamName: STREAM,
        Records: Array.from({ length: 250 }, () => ({ PartitionKey: randomBytes(8).toString('hex'), Data: randomBytes(64).toString('base64') })),
      });
      assert.equal(out.FailedRecordCount, 0);
      for (const r of out.Records) acked.get(r.ShardId)!.push(r.SequenceNumber);
    }
  } finally {
    client.close();
  }
}

test('kill -9 while mappings work: each resumes from its checkpoint, skips nothing, repeats only the in-flight batch', { timeout: 150_000 }, async (t) => {
  dir = await mkdtemp(join(tmpdir(), 'tributary-esm-crash-'));
  const dataDir = join(dir, 'data');
  const acked = new Map(Array.from({ length: SHARDS }, (_, s) => [`shardId-${String(s).padStart(12, '0')}`, [] as string[]]));
  server = await startTributary({ dataDir, env: { TRIBUTARY_LOG_LEVEL: 'warn' } });

  const setup = new RawKinesisClient(server.url, 1);
  await setup.call('CreateStream', { StreamName: STREAM, ShardCount: SHARDS });
  await pollUntil(async () => (await setup.call<{ StreamDescriptionSummary: { StreamStatus: string } }>('DescribeStreamSummary', { StreamName: STREAM })).StreamDescriptionSummary.StreamStatus === 'ACTIVE', 'stream ACTIVE');
  setup.close();
  const lambda = lambdaClient(server.url);
  for (const fn of FUNCTIONS) {
    await deployFunction(lambda, { name: fn, source: HANDLER, environment: { BATCHES_FILE: fileOf(fn) } });
    await createMapping(lambda, { FunctionName: fn, EventSourceArn: STREAM_ARN, StartingPosition: 'TRIM_HORIZON', BatchSize: BATCH_SIZE });
  }
  lambda.destroy();

  // Per function: how many batch lines its file held at each kill, and whether it was behind then.
  const boundaries = new Map<string, number[]>(FUNCTIONS.map((fn) => [fn, []]));
  const behindAtKill = new Map<string, number>(FUNCTIONS.map((fn) => [fn, 0]));
  for (let cycle = 1; cycle <= CYCLES; cycle++) {
    await putBacklog(server.url, RECORDS_PER_CYCLE, acked);
    const workMs = 100 + Math.floor(Math.random() * 300);
    await sleep(workMs);
    await server.kill9();
    const counts: string[] = [];
    for (const fn of FUNCTIONS) {
      const batches = await readJsonLines<Batch>(fileOf(fn));
      const seen = new Set(batches.flatMap((b) => b.seqs)).size;
      boundaries.get(fn)!.push(batches.length);
      if (seen < cycle * RECORDS_PER_CYCLE) behindAtKill.set(fn, behindAtKill.get(fn)! + 1);
      counts.push(`${fn} ${batches.length} batches, ${seen} records`);
    }
    t.diagnostic(`cycle ${cycle}: killed ${workMs} ms after the backlog was acknowledged; ${counts.join(', ')} so far`);
    server = await startTributary({ dataDir, env: { TRIBUTARY_LOG_LEVEL: 'warn' } });
  }

  const total = [...acked.values()].reduce((n, seqs) => n + seqs.length, 0);
  assert.equal(total, CYCLES * RECORDS_PER_CYCLE);
  const delivered = async (fn: string): Promise<Batch[]> => readJsonLines<Batch>(fileOf(fn));
  for (const fn of FUNCTIONS) {
    await pollUntil(async () => {
      const seen = new Set((await delivered(fn)).flatMap((b) => b.seqs));
      return [...acked.values()].every((seqs) => seqs.every((s) => seen.has(s)));
    }, `${fn} received every record after the last restart`, 60_000, 100);
  }

  for (const fn of FUNCTIONS) {
    const batches = await delivered(fn);
    const report = checkResumption(acked, batches, boundaries.get(fn)!);
    t.diagnostic(`${fn}: ${batches.length} batches, ${report.redelivered} records delivered twice (in-flight batches), resumed at ${report.resumptions.join(' / ')}`);
    assert.deepEqual(report.problems, [], `${fn} resumed exactly from its checkpoints`);
    assert.ok(behindAtKill.get(fn)! > 0, `${fn}: at least one kill found it working through a backlog`);
  }
});
