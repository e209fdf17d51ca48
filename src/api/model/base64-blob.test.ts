import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decodeBase64Blob } from './base64-blob.js';
import { AwsError } from '../../errors/aws-error.js';

function message(value: string): string {
  try {
    decodeBase64Blob(value);
  } catch (err) {
    assert.ok(err instanceof AwsError && err.type === 'SerializationException');
    return err.message;
  }
  assert.fail(`expected ${value} to be rejected`);
}

describe('decodeBase64Blob', () => {
  test('decodes padded and unpadded-length standard base64', () => {
    assert.deepEqual([...decodeBase64Blob('')], []);
    assert.deepEqual(decodeBase64Blob('aGk=').toString(), 'hi');
    assert.deepEqual(decodeBase64Blob('aA==').toString(), 'h');
    assert.deepEqual(decodeBase64Blob('aGVs').toString(), 'hel');
    assert.deepEqual([...decodeBase64Blob('+/+/')], [0xfb, 0xff, 0xbf]);
  });

  test('rejects a length that is not a multiple of 4 with AWS text', () => {
    assert.equal(
      message('23456'),
      "'23456' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 bytes but found: 5",
    );
  });

  test('rejects bad characters, URL-safe characters and inner padding', () => {
    assert.equal(message('=+/='), "'=+/=' can not be converted to a Blob: Invalid Base64 character: '='");
    assert.equal(message('aG-_'), "'aG-_' can not be converted to a Blob: Invalid Base64 character: '-'");
    assert.equal(message('aG k'), "'aG k' can not be converted to a Blob: Invalid Base64 character: ' '");
    assert.equal(message('aGk=aGk='), "'aGk=aGk=' can not be converted to a Blob: Invalid Base64 character: '='");
    assert.equal(message('aGé='), "'aGé=' can not be converted to a Blob: Invalid Base64 character: 'é'");
  });

  test('rejects non-zero bits in the last character before padding', () => {
    assert.equal(message('+/+='), "'+/+=' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
    assert.equal(message('aB=='), "'aB==' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
    assert.equal(message('a==='), "'a===' can not be converted to a Blob: Invalid last non-pad Base64 character dectected");
  });
});
