import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVER_URL, withSqs } from './sqs-target.js';

const notFound = {
  status: 400,
  type: 'com.amazonaws.sqs#QueueDoesNotExist',
  message: 'The specified queue does not exist.',
  queryError: 'AWS.SimpleQueueService.NonExistentQueue;Sender',
};

describe('GetQueueUrl, ListQueues, DeleteQueue', () => {
  test('GetQueueUrl returns the URL, or QueueDoesNotExist', () =>
    withSqs(async (t) => {
      await t.createQueue('q');
      assert.deepEqual(await t.call('GetQueueUrl', { QueueName: 'q' }), { QueueUrl: `${SERVER_URL}/000000000000/q` });
      assert.deepEqual(await t.error('GetQueueUrl', { QueueName: 'nope' }), notFound);
    }));

  test('a queue is found by the last segment of any URL form', () =>
    withSqs(async (t) => {
      await t.createQueue('q');
      for (const url of ['http://localhost:4566/000000000000/q', 'https://sqs.us-east-1.amazonaws.com/123456789012/q', 'http://h/queue/us-east-1/000000000000/q/']) {
        assert.deepEqual(await t.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['DelaySeconds'] }), { Attributes: { DelaySeconds: '0' } });
      }
      assert.deepEqual(await t.error('GetQueueAttributes', { QueueUrl: 'http://localhost:4566/' }), notFound);
    }));

  test('ListQueues sorts, filters by prefix and pages only with MaxResults', () =>
    withSqs(async (t) => {
      assert.deepEqual(await t.call('ListQueues'), {});
      for (const name of ['b2', 'a1', 'b1', 'b3']) await t.createQueue(name);
      const url = (name: string): string => `${SERVER_URL}/000000000000/${name}`;
      assert.deepEqual(await t.call('ListQueues'), { QueueUrls: ['a1', 'b1', 'b2', 'b3'].map(url) });
      assert.deepEqual(await t.call('ListQueues', { QueueNamePrefix: 'b' }), { QueueUrls: ['b1', 'b2', 'b3'].map(url) });
      const first = await t.call('ListQueues', { QueueNamePrefix: 'b', MaxResults: 2 });
      assert.deepEqual(first.QueueUrls, ['b1', 'b2'].map(url));
      assert.deepEqual(await t.call('ListQueues', { QueueNamePrefix: 'b', MaxResults: 2, NextToken: first.NextToken }), { QueueUrls: [url('b3')] });
      assert.deepEqual(await t.error('ListQueues', { MaxResults: 1001 }), {
        status: 400,
        type: 'com.amazon.coral.service#InvalidParameterValueException',
        message: 'Value 1001 for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000.',
        queryError: 'InvalidParameterValue;Sender',
      });
    }));

  test('DeleteQueue removes the queue; later calls get QueueDoesNotExist', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      assert.deepEqual(await t.call('DeleteQueue', { QueueUrl: url }), {});
      assert.deepEqual(await t.error('DeleteQueue', { QueueUrl: url }), notFound);
      assert.deepEqual(await t.error('SendMessage', { QueueUrl: url, MessageBody: 'x' }), notFound);
      assert.deepEqual(await t.error('DeleteQueue', {}), {
        status: 400,
        type: 'com.amazon.coral.service#MissingRequiredParameterException',
        message: 'The request must contain the parameter QueueUrl.',
        queryError: 'MissingParameter;Sender',
      });
    }));

  test('DeleteQueue releases a long poll on the queue with no messages', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const polling = t.call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 20 });
      await t.timers.advance(0);
      await t.call('DeleteQueue', { QueueUrl: url });
      assert.deepEqual(await polling, {});
    }));
});
