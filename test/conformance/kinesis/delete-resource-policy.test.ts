import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('DeleteResourcePolicy', () => {
  test('returns ResourceNotFoundException for an unknown stream or a missing policy', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('DeleteResourcePolicy', { ResourceARN: t.arn('nope') }), notFound('nope'));
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('DeleteResourcePolicy', { ResourceARN: t.arn('s') }), {
        type: 'ResourceNotFoundException',
        message: `No resource policy found for resource ARN ${t.arn('s')}.`,
      });
    }));

  test('removes the attached policy', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      await t.call('PutResourcePolicy', { ResourceARN: t.arn('s'), Policy: '{}' });
      assert.deepEqual(await t.call('DeleteResourcePolicy', { ResourceARN: t.arn('s') }), {});
      assert.equal((await t.error('GetResourcePolicy', { ResourceARN: t.arn('s') })).type, 'ResourceNotFoundException');
    }));
});
