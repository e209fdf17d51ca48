import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('GetResourcePolicy', () => {
  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('GetResourcePolicy', { ResourceARN: t.arn('nope') }), notFound('nope'));
    }));

  test('returns ResourceNotFoundException when no policy is attached', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('GetResourcePolicy', { ResourceARN: t.arn('s') }), {
        type: 'ResourceNotFoundException',
        message: `No resource policy found for resource ARN ${t.arn('s')}.`,
      });
    }));

  test('returns the attached policy verbatim', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      await t.call('PutResourcePolicy', { ResourceARN: t.arn('s'), Policy: '{ "Version": "2012-10-17" }' });
      assert.deepEqual(await t.call('GetResourcePolicy', { ResourceARN: t.arn('s') }), { Policy: '{ "Version": "2012-10-17" }' });
    }));
});
