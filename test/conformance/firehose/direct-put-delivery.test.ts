import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { S3_DESTINATION, withFirehose } from './firehose-target.js';

/** Finished files under `dir` (relative paths; not the sink's hidden temp files), waiting up to 5 s for at least `count`. */
async function filesUnder(dir: string, count: number): Promise<string[]> {
  for (let i = 0; i < 500; i++) {
    const found = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
    const files = found.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
    if (files.length >= count) return files.sort();
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`fewer than ${count} files under ${dir}`);
}

describe('DirectPut delivery through the engine', () => {
  test('records put with a 0 s interval land in the file bucket under YYYY/MM/DD/HH/<stream>-1-<time>-<uuid>', () =>
    withFirehose(async (t) => {
      await t.call('CreateDeliveryStream', {
        DeliveryStreamName: 'ds',
        ExtendedS3DestinationConfiguration: { ...S3_DESTINATION, BufferingHints: { SizeInMBs: 1, IntervalInSeconds: 0 } },
      });
      await t.call('PutRecordBatch', { DeliveryStreamName: 'ds', Records: ['a', 'b', 'c'].map((s) => ({ Data: Buffer.from(s).toString('base64') })) });
      const bucket = join(t.dataDir, 'buckets', 'bucket');
      const files = await filesUnder(bucket, 1);
      assert.equal(files.length, 1);
      assert.match(files[0]!, /^2023\/11\/14\/22\/ds-1-2023-11-14-22-13-20-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      assert.equal(await readFile(join(bucket, files[0]!), 'utf8'), 'abc');
    }));
});
