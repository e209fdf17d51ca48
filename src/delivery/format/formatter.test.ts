// Formatter: delimiter, compression formats and extensions, each decoded back to the exact input.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import type { FormatSettings } from '../delivery-stream-definition.js';
import type { FormatterFactory } from '../pipeline/formatter-port.js';
import { createFormatter } from './formatter.js';
import { decodeHadoopSnappy, decodeSnappyFrames } from './snappy-decoders.test-support.js';

const records = [
  { data: Buffer.from('{"a":1}'), approximateArrivalTimestamp: Date.UTC(2018, 7, 27, 10, 30, 6) },
  { data: Buffer.from(''), approximateArrivalTimestamp: Date.UTC(2018, 7, 27, 10, 30, 5) },
  { data: Buffer.from('{"b":"x"}'), approximateArrivalTimestamp: Date.UTC(2018, 7, 27, 10, 31, 0) },
];

function settings(overrides: Partial<FormatSettings>): FormatSettings {
  return { appendNewline: false, compression: 'UNCOMPRESSED', ...overrides };
}

describe('createFormatter', () => {
  test('satisfies the pipeline\'s FormatterFactory port', () => {
    const factory: FormatterFactory = createFormatter;
    const deliveryRecords = records.map((record, i) => ({ ...record, recordId: `s/${i}` }));
    assert.equal(gunzipSync(factory(settings({ compression: 'GZIP' })).encode(deliveryRecords).body).toString(), '{"a":1}{"b":"x"}');
  });

  test('uncompressed body is the plain concatenation of the records, no extension', async () => {
    const encoded = await createFormatter(settings({})).encode(records);
    assert.equal(encoded.body.toString(), '{"a":1}{"b":"x"}');
    assert.equal(encoded.extension, '');
    assert.equal(encoded.contentType, 'application/octet-stream');
    assert.equal(encoded.contentEncoding, undefined);
  });

  test('AppendDelimiterToRecord puts a newline after every record, empty ones included', async () => {
    const encoded = await createFormatter(settings({ appendNewline: true })).encode(records);
    assert.equal(encoded.body.toString(), '{"a":1}\n\n{"b":"x"}\n');
  });

  test('GZIP body gunzips to the delimited records and the extension is .gz', async () => {
    const formatter = createFormatter(settings({ appendNewline: true, compression: 'GZIP' }));
    const encoded = await formatter.encode(records);
    assert.equal(formatter.extension, '.gz');
    assert.equal(encoded.extension, '.gz');
    assert.deepEqual(encoded.body.subarray(0, 2), Buffer.from([0x1f, 0x8b]));
    assert.equal(gunzipSync(encoded.body).toString(), '{"a":1}\n\n{"b":"x"}\n');
  });

  for (const compression of ['GZIP', 'ZIP', 'Snappy', 'HADOOP_SNAPPY'] as const) {
    test(`${compression}: encode and encodeAsync give the same bytes every time (retries rewrite the same object)`, async () => {
      const formatter = createFormatter(settings({ compression }));
      const first = formatter.encode(records).body;
      assert.deepEqual(formatter.encode(records).body, first);
      assert.deepEqual((await formatter.encodeAsync(records)).body, first);
    });
  }

  test('ZIP body is an archive with one entry holding the records, stamped with the oldest arrival', async () => {
    const formatter = createFormatter(settings({ appendNewline: true, compression: 'ZIP' }));
    const encoded = await formatter.encodeAsync(records, { zipEntryName: 'mystream-1-2018-08-27-10-30-05-x' });
    assert.equal(encoded.extension, '.zip');
    const entries = unzipSync(new Uint8Array(encoded.body));
    assert.deepEqual(Object.keys(entries), ['mystream-1-2018-08-27-10-30-05-x']);
    assert.equal(Buffer.from(entries['mystream-1-2018-08-27-10-30-05-x']!).toString(), '{"a":1}\n\n{"b":"x"}\n');
    const dosTime = encoded.body.readUInt16LE(10);
    const dosDate = encoded.body.readUInt16LE(12);
    assert.deepEqual([dosDate >> 9, (dosDate >> 5) & 15, dosDate & 31], [38, 8, 27]);
    assert.deepEqual([dosTime >> 11, (dosTime >> 5) & 63, (dosTime & 31) * 2], [10, 30, 4]);
  });

  test('ZIP entry defaults to the name data', async () => {
    const encoded = await createFormatter(settings({ compression: 'ZIP' })).encode(records);
    assert.deepEqual(Object.keys(unzipSync(new Uint8Array(encoded.body))), ['data']);
  });

  test('Snappy body is a framed stream that decodes to the records, extension .snappy', async () => {
    const encoded = await createFormatter(settings({ appendNewline: true, compression: 'Snappy' })).encode(records);
    assert.equal(encoded.extension, '.snappy');
    assert.equal(decodeSnappyFrames(encoded.body).toString(), '{"a":1}\n\n{"b":"x"}\n');
  });

  test('HADOOP_SNAPPY body is Hadoop blocks that decode to the records, extension .hsnappy', async () => {
    const encoded = await createFormatter(settings({ compression: 'HADOOP_SNAPPY' })).encode(records);
    assert.equal(encoded.extension, '.hsnappy');
    assert.equal(decodeHadoopSnappy(encoded.body).toString(), '{"a":1}{"b":"x"}');
  });

  test('a configured FileExtension overrides the default one', async () => {
    const encoded = await createFormatter(settings({ compression: 'GZIP', fileExtension: '.json.gz' })).encode(records);
    assert.equal(encoded.extension, '.json.gz');
  });

  test('an empty buffer encodes to an empty body when uncompressed', async () => {
    const encoded = await createFormatter(settings({ appendNewline: true })).encode([]);
    assert.equal(encoded.body.length, 0);
  });
});
