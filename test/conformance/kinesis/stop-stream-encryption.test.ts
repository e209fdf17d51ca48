import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { notFound, withTarget } from './kinesis-target.js';

describe('StopStreamEncryption', () => {
  test('returns ValidationException without EncryptionType and KeyId', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('StopStreamEncryption', { StreamName: 's' }), {
        type: 'ValidationException',
        message:
          '2 validation errors detected: ' +
          "Value null at 'encryptionType' failed to satisfy constraint: Member must not be null; " +
          "Value null at 'keyId' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('StopStreamEncryption', { StreamName: 'nope', EncryptionType: 'KMS', KeyId: 'k' }), notFound('nope'));
    }));

  test('records that the stream is no longer encrypted', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      await t.call('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' });
      assert.deepEqual(await t.call('StopStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }), {});
      const d = (await t.call('DescribeStream', { StreamName: 's' })).StreamDescription;
      assert.deepEqual([d.StreamStatus, d.EncryptionType, d.KeyId], ['ACTIVE', 'NONE', undefined]);
    }));
});
