import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('UpdateMaxRecordSize', () => {
  test('returns ValidationException outside 1024..10240 KiB', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UpdateMaxRecordSize', { StreamARN: t.arn('s'), MaxRecordSizeInKiB: 1023 }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '1023' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value greater than or equal to 1024",
      });
      assert.deepEqual(await t.error('UpdateMaxRecordSize', { StreamARN: t.arn('s'), MaxRecordSizeInKiB: 10241 }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '10241' at 'maxRecordSizeInKiB' failed to satisfy constraint: Member must have value less than or equal to 10240",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('UpdateMaxRecordSize', { StreamARN: t.arn('nope'), MaxRecordSizeInKiB: 2048 }), notFound('nope'));
    }));

  test('records the new maximum record size', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.call('UpdateMaxRecordSize', { StreamARN: t.arn('s'), MaxRecordSizeInKiB: 10240 }), {});
      assert.equal((await t.call('DescribeStreamSummary', { StreamName: 's' })).StreamDescriptionSummary.MaxRecordSizeInKiB, 10240);
    }));
});
