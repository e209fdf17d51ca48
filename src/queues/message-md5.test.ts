import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { md5OfAttributes, md5OfBody } from './message-md5.js';

describe('message MD5s', () => {
  test('MD5 of the body is the hex digest of its UTF-8 bytes', () => {
    assert.equal(md5OfBody('hello'), '5d41402abc4b2a76b9719d911017c592');
    assert.equal(md5OfBody('msg'), '6e2baaf3b97dbeef01c0043275f9a0e7');
  });

  test('MD5 of one string attribute matches the SQS developer guide layout', () => {
    assert.equal(md5OfAttributes({ k1: { dataType: 'String', stringValue: 'v1' } }), 'aceb723e730da35e6ce11175c2d59ad1');
  });

  test('MD5 sorts attributes by name and encodes binary values with transport type 2', () => {
    const attributes = {
      k1: { dataType: 'String', stringValue: 'v1' },
      bin: { dataType: 'Binary', binaryValue: Buffer.of(0, 1).toString('base64') },
    };
    assert.equal(md5OfAttributes(attributes), '387a75467d2e77500e7f31f24548dc8a');
  });

  test('MD5 of a number attribute uses its string value', () => {
    assert.equal(md5OfAttributes({ count: { dataType: 'Number', stringValue: '42' } }), '2ee5fa915753ff72599b2514463a2897');
  });

  test('MD5 of the attributes AWS recorded for three strings', () => {
    const attributes = {
      General: { dataType: 'String', stringValue: 'Kenobi' },
      Hello: { dataType: 'String', stringValue: 'There' },
      'Help.Me': { dataType: 'String', stringValue: 'Me' },
    };
    assert.equal(md5OfAttributes(attributes), '4c360f3fdafd970e05fae2f149d997f5');
    assert.equal(md5OfAttributes({ Hello: attributes.Hello, 'Help.Me': attributes['Help.Me'] }), '83fee93c1bcd8b9a5a923ffacdc636c7');
  });

  test('no attributes: no MD5', () => {
    assert.equal(md5OfAttributes({}), undefined);
  });
});
