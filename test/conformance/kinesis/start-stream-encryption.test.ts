import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, notFound, withTarget } from './kinesis-target.js';

describe('StartStreamEncryption', () => {
  test('returns ValidationException for a missing KeyId and an unknown EncryptionType', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('StartStreamEncryption', { StreamName: 's', EncryptionType: 'AES' }), {
        type: 'ValidationException',
        message:
          '2 validation errors detected: ' +
          "Value 'AES' at 'encryptionType' failed to satisfy constraint: Member must satisfy enum value set: [NONE, KMS]; " +
          "Value null at 'keyId' failed to satisfy constraint: Member must not be null",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('StartStreamEncryption', { StreamName: 'nope', EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }), notFound('nope'));
    }));

  test('refuses EncryptionType NONE', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('StartStreamEncryption', { StreamName: 's', EncryptionType: 'NONE', KeyId: 'k' }), {
        type: 'InvalidArgumentException',
        message: 'KMS is the only valid EncryptionType for this request.',
      });
    }));

  test('records KMS encryption, UPDATING for the update delay', () =>
    withTarget(
      async (t) => {
        await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
        assert.deepEqual(await t.call('StartStreamEncryption', { StreamARN: t.arn('s'), EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' }), {});
        const updating = (await t.call('DescribeStreamSummary', { StreamName: 's' })).StreamDescriptionSummary;
        assert.deepEqual([updating.StreamStatus, updating.EncryptionType, updating.KeyId], ['UPDATING', 'KMS', 'alias/aws/kinesis']);
        assert.deepEqual(await t.error('StartStreamEncryption', { StreamName: 's', EncryptionType: 'KMS', KeyId: 'other' }), {
          type: 'ResourceInUseException',
          message: `Stream s under account ${ACCOUNT} not ACTIVE, instead in state UPDATING`,
        });
        t.clock.advance(1000);
        const active = (await t.call('DescribeStream', { StreamName: 's' })).StreamDescription;
        assert.deepEqual([active.StreamStatus, active.EncryptionType, active.KeyId], ['ACTIVE', 'KMS', 'alias/aws/kinesis']);
      },
      { updateDelayMs: 1000 },
    ));
});
