import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withTarget } from './kinesis-target.js';

describe('ListStreams', () => {
  test('returns ValidationException for Limit 0 and an invalid ExclusiveStartStreamName', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.error('ListStreams', { Limit: 0, ExclusiveStartStreamName: 'a/b' }), {
        type: 'ValidationException',
        message:
          '2 validation errors detected: ' +
          "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value 'a/b' at 'exclusiveStartStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
      });
    }));

  test('returns no streams on an empty account', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.call('ListStreams'), { StreamNames: [], HasMoreStreams: false, StreamSummaries: [] });
    }));

  test('lists names and summaries in name order', () =>
    withTarget(async (t) => {
      await t.call('CreateStream', { StreamName: 'b', ShardCount: 1 });
      await t.call('CreateStream', { StreamName: 'a', StreamModeDetails: { StreamMode: 'ON_DEMAND' } });
      const created = Math.floor(t.clock.now() / 1000);
      assert.deepEqual(await t.call('ListStreams', {}), {
        StreamNames: ['a', 'b'],
        HasMoreStreams: false,
        StreamSummaries: [
          { StreamName: 'a', StreamARN: t.arn('a'), StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'ON_DEMAND' }, StreamCreationTimestamp: created },
          { StreamName: 'b', StreamARN: t.arn('b'), StreamStatus: 'ACTIVE', StreamModeDetails: { StreamMode: 'PROVISIONED' }, StreamCreationTimestamp: created },
        ],
      });
    }));

  test('pages with Limit, ExclusiveStartStreamName and NextToken', () =>
    withTarget(async (t) => {
      for (const name of ['s1', 's2', 's3', 's4', 's5']) await t.call('CreateStream', { StreamName: name, ShardCount: 1 });
      const first = await t.call('ListStreams', { Limit: 2 });
      assert.deepEqual([first.StreamNames, first.HasMoreStreams], [['s1', 's2'], true]);
      assert.equal(typeof first.NextToken, 'string');
      const second = await t.call('ListStreams', { Limit: 2, NextToken: first.NextToken });
      assert.deepEqual([second.StreamNames, second.HasMoreStreams], [['s3', 's4'], true]);
      const last = await t.call('ListStreams', { NextToken: second.NextToken });
      assert.deepEqual([last.StreamNames, last.HasMoreStreams, last.NextToken], [['s5'], false, undefined]);
      const after = await t.call('ListStreams', { ExclusiveStartStreamName: 's22' });
      assert.deepEqual(after.StreamNames, ['s3', 's4', 's5']);
    }));

  test('refuses an expired, foreign or combined NextToken', () =>
    withTarget(async (t) => {
      for (const name of ['a', 'b']) await t.call('CreateStream', { StreamName: name, ShardCount: 1 });
      const { NextToken } = await t.call('ListStreams', { Limit: 1 });
      assert.deepEqual(await t.error('ListStreams', { NextToken, ExclusiveStartStreamName: 'a' }), {
        type: 'InvalidArgumentException',
        message: 'NextToken and ExclusiveStartStreamName cannot be provided together.',
      });
      assert.deepEqual(await t.error('ListStreams', { NextToken: 'garbage' }), { type: 'InvalidArgumentException', message: 'Invalid NextToken.' });
      t.clock.advance(300_000);
      assert.deepEqual(await t.error('ListStreams', { NextToken }), { type: 'ExpiredNextTokenException', message: 'The provided NextToken has expired.' });
    }));
});
