// Bad input against the real server process: malformed JSON and CBOR, wrong types, a huge body,
// invalid UTF-8, unknown fields and path-like stream names each get a precise AWS-shaped error;
// afterwards the server is still up and nothing was stored.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decoder, Encoder } from 'cbor-x';
import { startTributary, type TributaryProcess } from './support/tributary-process.js';
import { CBOR_1_1, DUMMY_AUTHORIZATION, RawKinesisClient, type RawResponse } from './support/raw-kinesis-client.js';
import { pollUntil } from './support/poll-until.js';

const KEEP = 'keep';
const cbor = { encoder: new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false }), decoder: new Decoder({ useRecords: false, mapsAsObjects: true }) };

let server: TributaryProcess;
let root: string;
let raw: RawKinesisClient;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'tributary-bad-'));
  await mkdir(join(root, 'data'));
  server = await startTributary({ dataDir: join(root, 'data') });
  raw = new RawKinesisClient(server.url, 2);
  await raw.call('CreateStream', { StreamName: KEEP, ShardCount: 1 });
  await waitActive(KEEP);
});

after(async () => {
  raw?.close();
  await server?.stop();
  await rm(root, { recursive: true, force: true });
});

async function waitActive(name: string): Promise<void> {
  await pollUntil(async () => {
    const s = await raw.call<{ StreamDescriptionSummary: { StreamStatus: string } }>('DescribeStreamSummary', { StreamName: name });
    return s.StreamDescriptionSummary.StreamStatus === 'ACTIVE';
  }, `${name} ACTIVE`);
}

function json(res: RawResponse): unknown {
  return JSON.parse(res.body.toString('utf8'));
}

async function expectJsonError(operation: string, body: string | Buffer, expected: Record<string, string>): Promise<void> {
  const res = await raw.send({ operation, body });
  assert.equal(res.status, 400, res.body.toString());
  assert.equal(typeof res.headers['x-amzn-requestid'], 'string');
  assert.deepEqual(json(res), expected);
}

const validation = (value: string, member: string, constraint: string): Record<string, string> => ({
  __type: 'ValidationException',
  message: `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`,
});
const NAME_PATTERN = 'Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+';

/**
 * Declares and starts streaming a large body over a raw socket (the server may hang up while we
 * are still writing); resolves with everything the server sent before closing.
 */
function sendHuge(url: string, totalBytes: number): Promise<string> {
  const target = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(target.port), target.hostname);
    let received = '';
    let sent = 0;
    const chunk = Buffer.alloc(1 << 20, 0x41);
    const finish = (): void => resolve(received);
    const timer = setTimeout(() => socket.destroy(), 15_000);
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (received += d));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      finish();
    });
    const pump = (): void => {
      while (sent < totalBytes && !socket.destroyed) {
        sent += chunk.length;
        if (!socket.write(chunk)) {
          socket.once('drain', pump);
          return;
        }
      }
    };
    socket.on('connect', () => {
      socket.write(
        'POST / HTTP/1.1\r\nHost: ' + target.host + '\r\nContent-Type: application/x-amz-json-1.1\r\n' +
          'X-Amz-Target: Kinesis_20131202.PutRecord\r\nX-Amz-Date: 20240101T000000Z\r\nAuthorization: ' + DUMMY_AUTHORIZATION + '\r\n' +
          `Content-Length: ${totalBytes}\r\nConnection: close\r\n\r\n`,
      );
      pump();
    });
  });
}

describe('bad input', () => {
  test('malformed JSON gets a bare SerializationException', async () => {
    await expectJsonError('PutRecord', '{"StreamName":"keep","PartitionKey":"a","Data":"AA=="', { __type: 'SerializationException' });
    await expectJsonError('PutRecord', 'not json at all', { __type: 'SerializationException' });
    await expectJsonError('PutRecords', '"a string"', { __type: 'SerializationException' });
    await expectJsonError('PutRecords', '[['.repeat(100_000), { __type: 'SerializationException' });
  });

  test('wrong types get SerializationException with the coral wording', async () => {
    const cases: [string, unknown, string][] = [
      ['PutRecord', { StreamName: 123, PartitionKey: 'a', Data: 'AA==' }, 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to an String'],
      ['PutRecord', { StreamName: KEEP, PartitionKey: 'a', Data: 12 }, 'class com.amazon.coral.value.json.numbers.TruncatingBigNumber can not be converted to a Blob'],
      ['PutRecord', { StreamName: KEEP, PartitionKey: 'a', Data: 'abc' }, "'abc' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 3"],
      ['PutRecords', { StreamName: KEEP, Records: {} }, 'Start of structure or map found where not expected.'],
      ['PutRecords', { StreamName: KEEP, Records: [{ PartitionKey: ['a'], Data: 'AA==' }] }, 'Start of list found where not expected'],
      ['CreateStream', { StreamName: 'typed', ShardCount: '3' }, 'class java.lang.String can not be converted to an Integer'],
      ['CreateStream', { StreamName: 'typed', ShardCount: true }, 'class java.lang.Boolean can not be converted to an Integer'],
    ];
    for (const [operation, input, message] of cases) {
      await expectJsonError(operation, JSON.stringify(input), { __type: 'SerializationException', Message: message });
    }
  });

  test('invalid UTF-8 in a JSON body gets SerializationException', async () => {
    const body = Buffer.concat([Buffer.from('{"StreamName":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('","ShardCount":1}')]);
    const res = await raw.send({ operation: 'CreateStream', body });
    assert.equal(res.status, 400);
    assert.equal((json(res) as { __type: string }).__type, 'SerializationException');
  });

  test('malformed CBOR gets SerializationException in CBOR', async () => {
    const bodies = [Buffer.from([0xa1]), Buffer.from([0xff]), Buffer.from([0x5f, 0x41]), Buffer.concat([Buffer.alloc(100_000, 0x81), Buffer.from([0x00])])];
    for (const body of bodies) {
      const res = await raw.send({ operation: 'PutRecord', body, contentType: CBOR_1_1 });
      assert.equal(res.status, 400);
      assert.equal(res.headers['content-type'], CBOR_1_1);
      assert.equal((cbor.decoder.decode(res.body) as { __type: string }).__type, 'SerializationException');
    }
    const wrongType = await raw.send({ operation: 'PutRecord', body: cbor.encoder.encode({ StreamName: KEEP, PartitionKey: 'a', Data: 5 }), contentType: CBOR_1_1 });
    assert.equal(wrongType.status, 400);
    assert.equal((cbor.decoder.decode(wrongType.body) as { __type: string }).__type, 'SerializationException');
  });

  test('a huge body is rejected with 413', async () => {
    const response = await sendHuge(server.url, 48 << 20);
    assert.match(response, /^HTTP\/1\.1 413 /);
    assert.match(response, /\r\nx-amzn-requestid: \S+\r\n/i);
  });

  test('unknown fields are ignored as AWS does', async () => {
    const out = await raw.call<{ StreamNames: string[] }>('ListStreams', { Bogus: 'field', Limit: 10 });
    assert.deepEqual(out.StreamNames, [KEEP]);
  });

  test('path-like stream names are rejected by the name pattern', async () => {
    for (const name of ['../x', 'a/b', '/etc/passwd', '..\\x', 'a%2fb']) {
      await expectJsonError('CreateStream', JSON.stringify({ StreamName: name, ShardCount: 1 }), validation(name, 'streamName', NAME_PATTERN));
      await expectJsonError('PutRecord', JSON.stringify({ StreamName: name, PartitionKey: 'p', Data: 'AA==' }), validation(name, 'streamName', NAME_PATTERN));
    }
  });

  test("'..' is a valid stream name and stays inside the data dir", async () => {
    await raw.call('CreateStream', { StreamName: '..', ShardCount: 1 });
    await waitActive('..');
    const put = await raw.call<{ ShardId: string }>('PutRecord', { StreamName: '..', PartitionKey: 'p', Data: 'AQID' });
    assert.equal(put.ShardId, 'shardId-000000000000');
    assert.deepEqual(await readdir(root), ['data']);
    const it = await raw.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: '..', ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const out = await raw.call<{ Records: { Data: string }[] }>('GetRecords', { ShardIterator: it.ShardIterator });
    assert.deepEqual(out.Records.map((r) => r.Data), ['AQID']);
  });

  test('the server is still up and nothing else was stored', async () => {
    const out = await raw.call<{ StreamNames: string[] }>('ListStreams', {});
    assert.deepEqual([...out.StreamNames].sort(), ['..', KEEP]);
    const it = await raw.call<{ ShardIterator: string }>('GetShardIterator', { StreamName: KEEP, ShardId: 'shardId-000000000000', ShardIteratorType: 'TRIM_HORIZON' });
    const records = await raw.call<{ Records: unknown[]; MillisBehindLatest: number }>('GetRecords', { ShardIterator: it.ShardIterator });
    assert.deepEqual(records.Records, []);
    assert.equal(server.child.exitCode, null);
  });
});
