import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('ListTagsForResource', () => {
  test('returns ValidationException for a ResourceARN that is not a Kinesis ARN', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListTagsForResource', { ResourceARN: 'arn:aws:sqs:us-east-1:000000000000:q' }), {
        type: 'ValidationException',
        message:
          "1 validation error detected: Value 'arn:aws:sqs:us-east-1:000000000000:q' at 'resourceARN' failed to satisfy constraint: " +
          'Member must satisfy regular expression pattern: arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+',
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListTagsForResource', { ResourceARN: t.arn('nope') }), notFound('nope'));
    }));

  test('lists every tag of a stream in key order', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1, Tags: { z: '26', a: '1' } });
      assert.deepEqual(await t.call('ListTagsForResource', { ResourceARN: t.arn('s') }), {
        Tags: [
          { Key: 'a', Value: '1' },
          { Key: 'z', Value: '26' },
        ],
      });
    }));
});
