import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, notFound, withTarget } from './kinesis-target.js';

describe('AddTagsToStream', () => {
  test('returns ValidationException without Tags and for an empty Tags map', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('AddTagsToStream', { StreamName: 's' }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value null at 'tags' failed to satisfy constraint: Member must not be null",
      });
      assert.deepEqual(await t.error('AddTagsToStream', { StreamName: 's', Tags: {} }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '{}' at 'tags' failed to satisfy constraint: Member must have length greater than or equal to 1",
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('AddTagsToStream', { StreamName: 'nope', Tags: { a: 'b' } }), notFound('nope'));
    }));

  test('refuses invalid characters, then %', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      for (const bad of ['a;b', 'a\tb', 'a,b']) {
        assert.deepEqual(await t.error('AddTagsToStream', { StreamName: 's', Tags: { [bad]: 'v' } }), {
          type: 'InvalidArgumentException',
          message: 'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @.',
        });
      }
      assert.deepEqual(await t.error('AddTagsToStream', { StreamName: 's', Tags: { k: '50%' } }), {
        type: 'InvalidArgumentException',
        message:
          `Failed to add tags to stream s under account ${ACCOUNT} because some tags contained illegal characters. ` +
          "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@'.",
      });
    }));

  test('refuses more than 50 tags on a stream', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      const tags = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
      await t.call('AddTagsToStream', { StreamName: 's', Tags: tags });
      await t.call('AddTagsToStream', { StreamName: 's', Tags: { k0: 'overwritten' } });
      assert.deepEqual(await t.error('AddTagsToStream', { StreamName: 's', Tags: { extra: 'v' } }), {
        type: 'InvalidArgumentException',
        message: `Failed to add tags to stream s under account ${ACCOUNT} because a given stream cannot have more than 50 tags associated with it.`,
      });
    }));

  test('adds and overwrites tags, by name or ARN', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.call('AddTagsToStream', { StreamName: 's', Tags: { a: '1', 'ü0 _.': 'x', '/=+-@:': '' } }), {});
      await t.call('AddTagsToStream', { StreamARN: t.arn('s'), Tags: { a: '2' } });
      assert.deepEqual((await t.call('ListTagsForStream', { StreamName: 's' })).Tags, [
        { Key: '/=+-@:', Value: '' },
        { Key: 'a', Value: '2' },
        { Key: 'ü0 _.', Value: 'x' },
      ]);
    }));
});
