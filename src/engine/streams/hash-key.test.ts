import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { decimalToHashHex, hashHexToDecimal, isValidExplicitHashKey, MAX_HASH_KEY_DECIMAL, partitionKeyHash } from './hash-key.js';

describe('hash keys', () => {
  test('a partition key hashes to the MD5 of its UTF-8 bytes, as 32 hex chars', () => {
    assert.equal(partitionKeyHash('a'), '0cc175b9c0f1b6a831c399e269772661');
    assert.equal(partitionKeyHash('é'), crypto.createHash('md5').update(Buffer.from([0xc3, 0xa9])).digest('hex'));
  });

  test('2^128-1 is the largest valid ExplicitHashKey', () => {
    assert.equal(MAX_HASH_KEY_DECIMAL, ((1n << 128n) - 1n).toString());
    assert.equal(isValidExplicitHashKey('0'), true);
    assert.equal(isValidExplicitHashKey(MAX_HASH_KEY_DECIMAL), true);
    assert.equal(isValidExplicitHashKey((1n << 128n).toString()), false);
    assert.equal(isValidExplicitHashKey('999999999999999999999999999999999999999'), false);
    assert.equal(isValidExplicitHashKey('99999999999999999999999999999999999999'), true);
    assert.equal(isValidExplicitHashKey('-1'), false);
    assert.equal(isValidExplicitHashKey('01'), false);
  });

  test('decimal and hex hash keys convert both ways, hex zero-padded to 32 chars', () => {
    assert.equal(decimalToHashHex('0'), '0'.repeat(32));
    assert.equal(decimalToHashHex('255'), `${'0'.repeat(30)}ff`);
    assert.equal(decimalToHashHex(MAX_HASH_KEY_DECIMAL), 'f'.repeat(32));
    assert.equal(hashHexToDecimal('f'.repeat(32)), MAX_HASH_KEY_DECIMAL);
  });
});
