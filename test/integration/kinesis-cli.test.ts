// End to end with the AWS CLI v2 (Debian awscli, /usr/bin/aws) against the real server process:
// the commands users type, with their exact JSON output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startTributary, type TributaryProcess } from './support/tributary-process.js';
import { hashKeyOf, hashRangeOf, shardIdForHashKey, shardIdOf } from './support/expected-shard.js';
import { pollUntil } from './support/poll-until.js';

const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const STREAM = 'cli-stream';
const ARN = `arn:aws:kinesis:us-east-1:000000000000:stream/${STREAM}`;
const ISO_UTC = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/;
const run = promisify(execFile);

let server: TributaryProcess;
let dataDir: string;
let home: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tributary-it-cli-'));
  home = await mkdtemp(join(tmpdir(), 'tributary-it-cli-home-'));
  server = await startTributary({ dataDir });
});

after(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
  await rm(home, { recursive: true, force: true });
});

/** Runs `aws kinesis <args>` and returns its stdout parsed as JSON (undefined when empty). */
async function aws(...args: string[]): Promise<Record<string, unknown> | undefined> {
  const { stdout } = await run(AWS, ['kinesis', ...args, '--endpoint-url', server.url, '--output', 'json'], {
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      HOME: home,
      TZ: 'UTC',
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'dummy-secret',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_PAGER: '',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: join(home, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    },
    timeout: 30_000,
  });
  return stdout.trim() === '' ? undefined : (JSON.parse(stdout) as Record<string, unknown>);
}

/** Asserts a put result and returns its sequence number; EncryptionType, when sent, must be NONE. */
function seqOf(out: Record<string, unknown> | undefined, shardId: string): string {
  const { EncryptionType, ...rest } = out ?? {};
  assert.ok(EncryptionType === undefined || EncryptionType === 'NONE');
  assert.deepEqual(Object.keys(rest).sort(), ['SequenceNumber', 'ShardId']);
  assert.equal(rest['ShardId'], shardId);
  assert.match(String(rest['SequenceNumber']), /^\d{20,}$/);
  return String(rest['SequenceNumber']);
}

describe('Kinesis through the AWS CLI', () => {
  const seqs: string[] = [];

  test('create-stream prints nothing and the stream becomes ACTIVE', async () => {
    assert.equal(await aws('create-stream', '--stream-name', STREAM, '--shard-count', '2'), undefined);
    await pollUntil(async () => {
      const out = await aws('describe-stream-summary', '--stream-name', STREAM);
      return (out?.['StreamDescriptionSummary'] as { StreamStatus?: string }).StreamStatus === 'ACTIVE';
    }, 'stream ACTIVE', 20_000, 100);
  });

  test('put-record with raw-in-base64-out data', async () => {
    const out = await aws('put-record', '--stream-name', STREAM, '--partition-key', 'user-1', '--data', 'hello world', '--cli-binary-format', 'raw-in-base64-out');
    seqs.push(seqOf(out, shardIdForHashKey(hashKeyOf('user-1'), 2)));
  });

  test('put-records with base64 data and an explicit hash key', async () => {
    const records = JSON.stringify([
      { Data: Buffer.from('first').toString('base64'), PartitionKey: 'p', ExplicitHashKey: '0' },
      { Data: Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('base64'), PartitionKey: 'p', ExplicitHashKey: '0' },
    ]);
    const out = await aws('put-records', '--stream-name', STREAM, '--records', records);
    assert.equal(out?.['FailedRecordCount'], 0);
    const results = out?.['Records'] as Record<string, unknown>[];
    assert.equal(results.length, 2);
    for (const r of results) seqs.push(seqOf(r, shardIdOf(0)));
  });

  test('get-shard-iterator and get-records return the exact records', async () => {
    const it = await aws('get-shard-iterator', '--stream-name', STREAM, '--shard-id', shardIdOf(0), '--shard-iterator-type', 'TRIM_HORIZON');
    assert.deepEqual(Object.keys(it ?? {}), ['ShardIterator']);
    const out = await aws('get-records', '--shard-iterator', String(it?.['ShardIterator']), '--limit', '100');
    const records = out?.['Records'] as Record<string, unknown>[];
    const expected = [
      ...(shardIdForHashKey(hashKeyOf('user-1'), 2) === shardIdOf(0) ? [{ SequenceNumber: seqs[0], Data: Buffer.from('hello world').toString('base64'), PartitionKey: 'user-1' }] : []),
      { SequenceNumber: seqs[1], Data: Buffer.from('first').toString('base64'), PartitionKey: 'p' },
      { SequenceNumber: seqs[2], Data: '3q2+7w==', PartitionKey: 'p' },
    ];
    assert.deepEqual(
      records.map(({ ApproximateArrivalTimestamp, ...rest }) => {
        assert.match(String(ApproximateArrivalTimestamp), ISO_UTC);
        return rest;
      }),
      expected,
    );
    assert.equal(out?.['MillisBehindLatest'], 0);
    assert.equal(typeof out?.['NextShardIterator'], 'string');
  });

  test('list-shards prints both shards with their hash ranges', async () => {
    const out = await aws('list-shards', '--stream-name', STREAM);
    const shards = out?.['Shards'] as Record<string, unknown>[];
    assert.deepEqual(
      shards.map((s) => {
        const range = s['SequenceNumberRange'] as Record<string, unknown>;
        assert.deepEqual(Object.keys(range), ['StartingSequenceNumber']);
        assert.match(String(range['StartingSequenceNumber']), /^\d+$/);
        return { ShardId: s['ShardId'], HashKeyRange: s['HashKeyRange'] };
      }),
      [0, 1].map((i) => ({ ShardId: shardIdOf(i), HashKeyRange: hashRangeOf(i, 2) })),
    );
  });

  test('increase-stream-retention-period then describe-stream-summary', async () => {
    assert.equal(await aws('increase-stream-retention-period', '--stream-name', STREAM, '--retention-period-hours', '72'), undefined);
    const out = await aws('describe-stream-summary', '--stream-name', STREAM);
    const s = out?.['StreamDescriptionSummary'] as Record<string, unknown>;
    assert.match(String(s['StreamCreationTimestamp']), ISO_UTC);
    assert.deepEqual(
      {
        StreamName: s['StreamName'],
        StreamARN: s['StreamARN'],
        StreamStatus: s['StreamStatus'],
        StreamModeDetails: s['StreamModeDetails'],
        RetentionPeriodHours: s['RetentionPeriodHours'],
        EnhancedMonitoring: s['EnhancedMonitoring'],
        EncryptionType: s['EncryptionType'],
        OpenShardCount: s['OpenShardCount'],
        ConsumerCount: s['ConsumerCount'],
      },
      {
        StreamName: STREAM,
        StreamARN: ARN,
        StreamStatus: 'ACTIVE',
        StreamModeDetails: { StreamMode: 'PROVISIONED' },
        RetentionPeriodHours: 72,
        EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
        EncryptionType: 'NONE',
        OpenShardCount: 2,
        ConsumerCount: 0,
      },
    );
  });

  test('add-tags-to-stream then list-tags-for-stream', async () => {
    assert.equal(await aws('add-tags-to-stream', '--stream-name', STREAM, '--tags', 'env=prod,team=data'), undefined);
    const out = await aws('list-tags-for-stream', '--stream-name', STREAM);
    assert.deepEqual(out, {
      Tags: [
        { Key: 'env', Value: 'prod' },
        { Key: 'team', Value: 'data' },
      ],
      HasMoreTags: false,
    });
  });

  test('a missing stream makes the CLI fail with the AWS error', async () => {
    await assert.rejects(aws('describe-stream-summary', '--stream-name', 'missing'), (err: Error & { code?: number; stderr?: string }) => {
      assert.equal(err.code, 254);
      assert.equal(
        err.stderr?.trim(),
        'An error occurred (ResourceNotFoundException) when calling the DescribeStreamSummary operation: Stream missing under account 000000000000 not found.',
      );
      return true;
    });
  });
});
