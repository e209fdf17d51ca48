import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isConsumerArn, parseStreamArn, streamArn } from './stream-arn.js';

test('builds and parses stream ARNs', () => {
  const arn = streamArn('eu-west-1', '123456789012', 'my.stream-1');
  assert.equal(arn, 'arn:aws:kinesis:eu-west-1:123456789012:stream/my.stream-1');
  assert.deepEqual(parseStreamArn(arn), { partition: 'aws', region: 'eu-west-1', accountId: '123456789012', streamName: 'my.stream-1' });
  assert.equal(parseStreamArn('arn:aws-cn:kinesis:cn-north-1:123456789012:stream/s')?.partition, 'aws-cn');
});

test('consumer ARNs and other resources are not stream ARNs', () => {
  const consumer = 'arn:aws:kinesis:us-east-1:123456789012:stream/s/consumer/c:1700000000';
  assert.equal(parseStreamArn(consumer), undefined);
  assert.equal(isConsumerArn(consumer), true);
  assert.equal(isConsumerArn('arn:aws:kinesis:us-east-1:123456789012:stream/s'), false);
  assert.equal(parseStreamArn('arn:aws:sqs:us-east-1:123456789012:q'), undefined);
});
