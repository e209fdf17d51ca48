import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeReceiptHandle, encodeReceiptHandle, newReceiptToken } from './receipt-handle.js';

describe('receipt handles', () => {
  test('a handle decodes to the parts it was made of', () => {
    const parts = { queueId: 'a1b2c3', seq: 42, messageId: '5fea7756-0ea4-451a-a703-a558b933e274', token: newReceiptToken() };
    assert.deepEqual(decodeReceiptHandle(encodeReceiptHandle(parts)), parts);
  });

  test('each receive token is new', () => {
    assert.notEqual(newReceiptToken(), newReceiptToken());
    assert.match(newReceiptToken(), /^[0-9a-f]{24}$/);
  });

  test('text that is not a handle decodes to undefined', () => {
    assert.equal(decodeReceiptHandle('garbage!'), undefined);
    assert.equal(decodeReceiptHandle(''), undefined);
    assert.equal(decodeReceiptHandle(Buffer.from('a:b:c:d').toString('base64')), undefined);
  });
});
