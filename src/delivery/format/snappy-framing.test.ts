// Snappy framing and Hadoop-Snappy blocks on inputs spanning several chunks/blocks.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { HADOOP_SNAPPY_MAX_BLOCK_INPUT, hadoopSnappyBlocks } from './hadoop-snappy.js';
import { maskedCrc32c, snappyFrame } from './snappy-framing.js';
import { decodeHadoopSnappy, decodeSnappyFrames } from './snappy-decoders.test-support.js';

describe('snappyFrame', () => {
  test('masks CRC-32C as the framing format specifies (CRC-32C check value 0xe3069283)', () => {
    assert.equal(maskedCrc32c(Buffer.from('123456789')), 0xc78ab0e5);
  });

  test('an empty input is just the stream identifier', () => {
    assert.deepEqual(snappyFrame(Buffer.alloc(0)), Buffer.from('ff060000734e61507059', 'hex'));
  });

  test('splits input into 64 KiB chunks, compressed when that helps and stored otherwise', () => {
    const input = Buffer.concat([Buffer.alloc(65536, 'a'), randomBytes(70000)]);
    const types: number[] = [];
    assert.deepEqual(decodeSnappyFrames(snappyFrame(input), types), input);
    assert.deepEqual(types, [0, 1, 1]);
  });
});

describe('hadoopSnappyBlocks', () => {
  test('block input is capped at Hadoop\'s 256 KiB buffer minus overhead', () => {
    assert.equal(HADOOP_SNAPPY_MAX_BLOCK_INPUT, 218422);
  });

  test('splits input into blocks that decode back exactly', () => {
    const input = Buffer.alloc(HADOOP_SNAPPY_MAX_BLOCK_INPUT * 2 + 5, 'xyz');
    const sizes: number[] = [];
    assert.deepEqual(decodeHadoopSnappy(hadoopSnappyBlocks(input), sizes), input);
    assert.deepEqual(sizes, [218422, 218422, 5]);
  });

  test('an empty input is an empty body', () => {
    assert.equal(hadoopSnappyBlocks(Buffer.alloc(0)).length, 0);
  });
});
