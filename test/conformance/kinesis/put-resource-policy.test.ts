import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

const POLICY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 'kinesis:GetRecords', Resource: '*' }] });

describe('PutResourcePolicy', () => {
  test('returns ValidationException without ResourceARN and Policy', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('PutResourcePolicy', {}), {
        type: 'ValidationException',
        message:
          '2 validation errors detected: ' +
          "Value null at 'policy' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'resourceARN' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('PutResourcePolicy', { ResourceARN: t.arn('nope'), Policy: POLICY }), notFound('nope'));
    }));

  test('refuses a policy that is not a JSON object', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('PutResourcePolicy', { ResourceARN: t.arn('s'), Policy: 'not json' }), {
        type: 'InvalidArgumentException',
        message: 'Policy is not a valid JSON document.',
      });
    }));

  test('attaches and replaces a policy; deleting the stream removes it', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.call('PutResourcePolicy', { ResourceARN: t.arn('s'), Policy: '{}' }), {});
      await t.call('PutResourcePolicy', { ResourceARN: t.arn('s'), Policy: POLICY });
      assert.deepEqual(await t.call('GetResourcePolicy', { ResourceARN: t.arn('s') }), { Policy: POLICY });
      await t.call('DeleteStream', { StreamName: 's' });
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.equal((await t.error('GetResourcePolicy', { ResourceARN: t.arn('s') })).type, 'ResourceNotFoundException');
    }));
});
