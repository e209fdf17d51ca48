import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ACCOUNT, notFound, withTarget } from './kinesis-target.js';

describe('RemoveTagsFromStream', () => {
  test('returns ValidationException for an empty or too long TagKeys list', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('RemoveTagsFromStream', { StreamName: 's', TagKeys: [] }), {
        type: 'ValidationException',
        message: "1 validation error detected: Value '[]' at 'tagKeys' failed to satisfy constraint: Member must have length greater than or equal to 1",
      });
      const keys = Array.from({ length: 51 }, (_, i) => String(i));
      assert.deepEqual(await t.error('RemoveTagsFromStream', { StreamName: 's', TagKeys: keys }), {
        type: 'ValidationException',
        message: `1 validation error detected: Value '[${keys.join(', ')}]' at 'tagKeys' failed to satisfy constraint: Member must have length less than or equal to 50`,
      });
    }));

  test('returns ResourceNotFoundException for an unknown stream', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('RemoveTagsFromStream', { StreamName: 'nope', TagKeys: ['a'] }), notFound('nope'));
    }));

  test('refuses invalid characters, then %', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1 });
      assert.deepEqual(await t.error('RemoveTagsFromStream', { StreamName: 's', TagKeys: ['abc\ndef'] }), {
        type: 'InvalidArgumentException',
        message: 'Some tags contain invalid characters. Valid characters: Unicode letters, digits, white space, _ . / = + - % @ :.',
      });
      assert.deepEqual(await t.error('RemoveTagsFromStream', { StreamName: 's', TagKeys: ['abc%def'] }), {
        type: 'InvalidArgumentException',
        message:
          `Failed to remove tags from stream s under account ${ACCOUNT} because some tags contained illegal characters. ` +
          "The allowed characters are Unicode letters, white-spaces, '_',',','/','=','+','-','@',':'.",
      });
    }));

  test('removes tags and ignores absent keys', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 's', ShardCount: 1, Tags: { a: '1', b: '2', c: '3' } });
      assert.deepEqual(await t.call('RemoveTagsFromStream', { StreamName: 's', TagKeys: ['a', 'c', 'zz'] }), {});
      assert.deepEqual((await t.call('ListTagsForStream', { StreamName: 's' })).Tags, [{ Key: 'b', Value: '2' }]);
    }));
});
