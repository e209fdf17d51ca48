// End to end with @aws-sdk/client-kinesis against the real server process, once with the client's
// default handler (HTTP/2 cleartext, verified on the wire) and once with NodeHttpHandler (HTTP/1.1).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AddTagsToStreamCommand,
  CreateStreamCommand,
  DecreaseStreamRetentionPeriodCommand,
  DescribeStreamSummaryCommand,
  GetRecordsCommand,
  GetShardIteratorCommand,
  IncreaseStreamRetentionPeriodCommand,
  ListShardsCommand,
  ListTagsForResourceCommand,
  ListTagsForStreamCommand,
  PutRecordCommand,
  PutRecordsCommand,
  RemoveTagsFromStreamCommand,
  TagResourceCommand,
  type _Record,
  type KinesisClient,
  type ShardIteratorType,
} from '@aws-sdk/client-kinesis';
import { startTributary, type TributaryProcess } from './support/tributary-process.js';
import { kinesisClient, type HandlerKind, type ProbedClient } from './support/sdk-client.js';
import { hashKeyOf, hashRangeOf, shardIdForHashKey, shardIdOf } from './support/expected-shard.js';
import { pollUntil } from './support/poll-until.js';

const MAX_HASH_KEY = ((1n << 128n) - 1n).toString();
const SHARD1_START = hashRangeOf(1, 3).StartingHashKey;

let server: TributaryProcess;
let dataDir: string;

before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'tributary-sdk-'));
  server = await startTributary({ dataDir });
});

after(async () => {
  await server?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

async function readAll(client: KinesisClient, streamName: string, shardId: string, type: ShardIteratorType = 'TRIM_HORIZON', extra: Record<string, unknown> = {}): Promise<_Record[]> {
  const it = await client.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardId, ShardIteratorType: type, ...extra }));
  let iterator = it.ShardIterator;
  const records: _Record[] = [];
  for (let i = 0; i < 20 && iterator !== undefined; i++) {
    const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 10000 }));
    records.push(...(out.Records ?? []));
    iterator = out.NextShardIterator;
    if ((out.Records ?? []).length === 0 && out.MillisBehindLatest === 0) break;
  }
  return records;
}

function assertIncreasing(records: readonly _Record[]): void {
  for (let i = 1; i < records.length; i++) {
    assert.ok(BigInt(records[i]!.SequenceNumber!) > BigInt(records[i - 1]!.SequenceNumber!), 'sequence numbers strictly increase');
  }
}

for (const kind of ['default-h2', 'http1'] as const satisfies readonly HandlerKind[]) {
  describe(`Kinesis through the SDK (${kind})`, () => {
    const streamName = `sdk-${kind}`;
    const streamArn = `arn:aws:kinesis:us-east-1:000000000000:stream/${streamName}`;
    let probed: ProbedClient;
    let client: KinesisClient;
    const put: { shardId: string; seq: string; data: Buffer; key: string }[] = [];

    before(() => {
      probed = kinesisClient(server.url, kind);
      client = probed.client;
    });
    after(() => client.destroy());

    test('CreateStream with 3 shards becomes ACTIVE', async () => {
      const out = await client.send(new CreateStreamCommand({ StreamName: streamName, ShardCount: 3 }));
      assert.equal(out.$metadata.httpStatusCode, 200);
      assert.match(out.$metadata.requestId ?? '', /\S+/);
      await pollUntil(async () => {
        const s = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
        return s.StreamDescriptionSummary?.StreamStatus === 'ACTIVE';
      }, 'stream ACTIVE');
    });

    test(`the server answered over ${kind === 'http1' ? 'HTTP/1.1' : 'HTTP/2'}`, () => {
      assert.ok(probed.protocols.length >= 2);
      const expected = kind === 'http1' ? ['1.1'] : ['h2', 'h2c'];
      for (const p of probed.protocols) assert.ok(expected.includes(p), `saw ${p}`);
    });

    test('PutRecord routes by the MD5 of the partition key', async () => {
      const data = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
      const out = await client.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: 'alpha', Data: data }));
      assert.equal(out.ShardId, shardIdForHashKey(hashKeyOf('alpha'), 3));
      assert.match(out.SequenceNumber!, /^\d{20,}$/);
      put.push({ shardId: out.ShardId!, seq: out.SequenceNumber!, data, key: 'alpha' });
    });

    test('PutRecords honours ExplicitHashKey and reports FailedRecordCount 0', async () => {
      const entries = [
        { Data: Buffer.from('to shard 0'), PartitionKey: 'x0', ExplicitHashKey: '0' },
        { Data: Buffer.from('to shard 1'), PartitionKey: 'x1', ExplicitHashKey: SHARD1_START },
        { Data: Buffer.from('to shard 2'), PartitionKey: 'x2', ExplicitHashKey: MAX_HASH_KEY },
        { Data: Buffer.alloc(0), PartitionKey: 'empty-data' },
        { Data: Buffer.from('ünïcödé ✓', 'utf8'), PartitionKey: 'ключ' },
      ];
      const out = await client.send(new PutRecordsCommand({ StreamName: streamName, Records: entries }));
      assert.equal(out.FailedRecordCount, 0);
      assert.equal(out.Records?.length, 5);
      const expectedShards = [shardIdOf(0), shardIdOf(1), shardIdOf(2), shardIdForHashKey(hashKeyOf('empty-data'), 3), shardIdForHashKey(hashKeyOf('ключ'), 3)];
      out.Records!.forEach((r, i) => {
        assert.equal(r.ErrorCode, undefined);
        assert.equal(r.ErrorMessage, undefined);
        assert.equal(r.ShardId, expectedShards[i]);
        assert.match(r.SequenceNumber!, /^\d{20,}$/);
        put.push({ shardId: r.ShardId!, seq: r.SequenceNumber!, data: Buffer.from(entries[i]!.Data), key: entries[i]!.PartitionKey });
      });
    });

    test('GetRecords from TRIM_HORIZON returns every record with its exact bytes, key and sequence number', async () => {
      for (let s = 0; s < 3; s++) {
        const records = await readAll(client, streamName, shardIdOf(s));
        const expected = put.filter((p) => p.shardId === shardIdOf(s));
        assert.deepEqual(
          records.map((r) => ({ seq: r.SequenceNumber, key: r.PartitionKey, data: Buffer.from(r.Data!).toString('hex') })),
          expected.map((p) => ({ seq: p.seq, key: p.key, data: p.data.toString('hex') })),
        );
        assertIncreasing(records);
        for (const r of records) {
          assert.ok(r.ApproximateArrivalTimestamp instanceof Date);
          assert.ok(Math.abs(r.ApproximateArrivalTimestamp.getTime() - Date.now()) < 60_000);
        }
      }
    });

    test('GetRecords with Limit 1 pages with NextShardIterator and reports MillisBehindLatest', async () => {
      const shard0 = put.filter((p) => p.shardId === shardIdOf(0));
      assert.ok(shard0.length >= 1);
      const it = await client.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardIdOf(0), ShardIteratorType: 'TRIM_HORIZON' }));
      let iterator = it.ShardIterator!;
      for (const expected of shard0) {
        const out = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1 }));
        assert.deepEqual(out.Records?.map((r) => r.SequenceNumber), [expected.seq]);
        assert.equal(typeof out.MillisBehindLatest, 'number');
        assert.ok(out.MillisBehindLatest! >= 0);
        assert.equal(typeof out.NextShardIterator, 'string');
        iterator = out.NextShardIterator!;
      }
      const tail = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1 }));
      assert.deepEqual(tail.Records, []);
      assert.equal(tail.MillisBehindLatest, 0);
      assert.equal(typeof tail.NextShardIterator, 'string');
    });

    test('GetShardIterator supports all five iterator types', async () => {
      const putTo0 = async (text: string): Promise<string> => {
        const out = await client.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: 'k', ExplicitHashKey: '1', Data: Buffer.from(text) }));
        assert.equal(out.ShardId, shardIdOf(0));
        return out.SequenceNumber!;
      };
      const latest = await client.send(new GetShardIteratorCommand({ StreamName: streamName, ShardId: shardIdOf(0), ShardIteratorType: 'LATEST' }));
      const s1 = await putTo0('one');
      await sleep(5);
      const between = new Date();
      await sleep(5);
      const s2 = await putTo0('two');
      const s3 = await putTo0('three');
      const texts = (rs: _Record[]): string[] => rs.map((r) => Buffer.from(r.Data!).toString());

      const fromLatest = await client.send(new GetRecordsCommand({ ShardIterator: latest.ShardIterator! }));
      assert.deepEqual(texts(fromLatest.Records!), ['one', 'two', 'three']);
      assert.deepEqual(texts(await readAll(client, streamName, shardIdOf(0), 'AT_SEQUENCE_NUMBER', { StartingSequenceNumber: s2 })), ['two', 'three']);
      assert.deepEqual(texts(await readAll(client, streamName, shardIdOf(0), 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: s2 })), ['three']);
      assert.deepEqual(texts(await readAll(client, streamName, shardIdOf(0), 'AFTER_SEQUENCE_NUMBER', { StartingSequenceNumber: s3 })), []);
      assert.deepEqual(texts(await readAll(client, streamName, shardIdOf(0), 'AT_TIMESTAMP', { Timestamp: between })), ['two', 'three']);
      await sleep(5);
      assert.deepEqual(texts(await readAll(client, streamName, shardIdOf(0), 'AT_TIMESTAMP', { Timestamp: new Date() })), []);
      await assert.rejects(readAll(client, streamName, shardIdOf(0), 'AT_TIMESTAMP', { Timestamp: new Date(Date.now() + 3_600_000) }), (err: Error) => {
        assert.equal(err.name, 'InvalidArgumentException');
        assert.match(err.message, /^The timestampInMillis parameter cannot be greater than the currentTimestampInMillis\. timestampInMillis: \d+, currentTimestampInMillis: \d+$/);
        return true;
      });
      const all = await readAll(client, streamName, shardIdOf(0), 'AT_TIMESTAMP', { Timestamp: new Date(0) });
      assert.deepEqual(texts(all).slice(-3), ['one', 'two', 'three']);
      assert.deepEqual(all.map((r) => r.SequenceNumber).slice(-3), [s1, s2, s3]);
      const empty = await readAll(client, streamName, shardIdOf(0), 'LATEST');
      assert.deepEqual(empty, []);
    });

    test('ListShards pages with MaxResults and NextToken', async () => {
      const first = await client.send(new ListShardsCommand({ StreamName: streamName, MaxResults: 1 }));
      assert.equal(first.Shards?.length, 1);
      assert.equal(typeof first.NextToken, 'string');
      const shards = [...first.Shards!];
      let token = first.NextToken;
      for (let i = 0; i < 5 && token !== undefined; i++) {
        const page = await client.send(new ListShardsCommand({ NextToken: token, MaxResults: 1 }));
        shards.push(...(page.Shards ?? []));
        token = page.NextToken;
      }
      assert.equal(token, undefined);
      assert.deepEqual(
        shards.map((s) => ({ ShardId: s.ShardId, HashKeyRange: s.HashKeyRange, ParentShardId: s.ParentShardId })),
        [0, 1, 2].map((i) => ({ ShardId: shardIdOf(i), HashKeyRange: hashRangeOf(i, 3), ParentShardId: undefined })),
      );
      for (const s of shards) {
        assert.match(s.SequenceNumberRange!.StartingSequenceNumber!, /^\d+$/);
        assert.equal(s.SequenceNumberRange!.EndingSequenceNumber, undefined);
      }
    });

    test('DescribeStreamSummary reports the stream', async () => {
      const out = await client.send(new DescribeStreamSummaryCommand({ StreamARN: streamArn }));
      const s = out.StreamDescriptionSummary!;
      assert.deepEqual(
        {
          StreamName: s.StreamName,
          StreamARN: s.StreamARN,
          StreamStatus: s.StreamStatus,
          StreamModeDetails: s.StreamModeDetails,
          RetentionPeriodHours: s.RetentionPeriodHours,
          EnhancedMonitoring: s.EnhancedMonitoring,
          EncryptionType: s.EncryptionType,
          OpenShardCount: s.OpenShardCount,
          ConsumerCount: s.ConsumerCount,
        },
        {
          StreamName: streamName,
          StreamARN: streamArn,
          StreamStatus: 'ACTIVE',
          StreamModeDetails: { StreamMode: 'PROVISIONED' },
          RetentionPeriodHours: 24,
          EnhancedMonitoring: [{ ShardLevelMetrics: [] }],
          EncryptionType: 'NONE',
          OpenShardCount: 3,
          ConsumerCount: 0,
        },
      );
      assert.ok(s.StreamCreationTimestamp instanceof Date);
      assert.ok(Math.abs(s.StreamCreationTimestamp.getTime() - Date.now()) < 60_000);
    });

    test('retention can be increased and decreased', async () => {
      const hours = async (): Promise<number | undefined> =>
        (await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }))).StreamDescriptionSummary?.RetentionPeriodHours;
      await client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: streamName, RetentionPeriodHours: 48 }));
      assert.equal(await hours(), 48);
      await client.send(new DecreaseStreamRetentionPeriodCommand({ StreamName: streamName, RetentionPeriodHours: 24 }));
      assert.equal(await hours(), 24);
      await assert.rejects(
        client.send(new IncreaseStreamRetentionPeriodCommand({ StreamName: streamName, RetentionPeriodHours: 12 })),
        (err: Error) => {
          assert.equal(err.name, 'InvalidArgumentException');
          assert.equal(err.message, 'Minimum allowed retention period is 24 hours. Requested retention period (12 hours) is too short.');
          return true;
        },
      );
    });

    test('stream tags and resource tags', async () => {
      const sorted = <T extends { Key?: string }>(tags: T[] | undefined): T[] => [...(tags ?? [])].sort((a, b) => (a.Key! < b.Key! ? -1 : 1));
      await client.send(new AddTagsToStreamCommand({ StreamName: streamName, Tags: { team: 'data', env: 'test' } }));
      const listed = await client.send(new ListTagsForStreamCommand({ StreamName: streamName }));
      assert.deepEqual(sorted(listed.Tags), [
        { Key: 'env', Value: 'test' },
        { Key: 'team', Value: 'data' },
      ]);
      assert.equal(listed.HasMoreTags, false);
      await client.send(new RemoveTagsFromStreamCommand({ StreamName: streamName, TagKeys: ['team'] }));
      await client.send(new TagResourceCommand({ ResourceARN: streamArn, Tags: { owner: 'h6' } }));
      const byArn = await client.send(new ListTagsForResourceCommand({ ResourceARN: streamArn }));
      assert.deepEqual(sorted(byArn.Tags), [
        { Key: 'env', Value: 'test' },
        { Key: 'owner', Value: 'h6' },
      ]);
    });

    test('a missing stream gives ResourceNotFoundException with AWS wording', async () => {
      await assert.rejects(client.send(new DescribeStreamSummaryCommand({ StreamName: 'no-such-stream' })), (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(err.name, 'ResourceNotFoundException');
        assert.equal(err.message, 'Stream no-such-stream under account 000000000000 not found.');
        assert.equal(err.$metadata?.httpStatusCode, 400);
        return true;
      });
    });

    test('an oversized request body is answered with 413', async () => {
      await assert.rejects(client.send(new PutRecordCommand({ StreamName: streamName, PartitionKey: 'p', Data: Buffer.alloc(20 << 20) })), (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
        assert.equal(err.$metadata?.httpStatusCode, 413, `${err.name}: ${err.message}`);
        return true;
      });
      const out = await client.send(new DescribeStreamSummaryCommand({ StreamName: streamName }));
      assert.equal(out.StreamDescriptionSummary?.StreamStatus, 'ACTIVE');
    });

    test('a bad stream name gives ValidationException with AWS wording', async () => {
      await assert.rejects(client.send(new PutRecordCommand({ StreamName: 'bad name!', PartitionKey: 'p', Data: Buffer.from('x') })), (err: Error) => {
        assert.equal(err.name, 'ValidationException');
        assert.equal(
          err.message,
          "1 validation error detected: Value 'bad name!' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
        );
        return true;
      });
    });
  });
}
