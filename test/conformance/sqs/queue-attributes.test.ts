import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withSqs } from './sqs-target.js';

describe('GetQueueAttributes, SetQueueAttributes', () => {
  test('All lists every attribute of a new queue in AWS order', () =>
    withSqs(async (t) => {
      const created = Math.floor(t.clock.now() / 1000);
      const url = await t.createQueue('q');
      const { Attributes } = await t.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['All'] });
      assert.deepEqual(Object.entries(Attributes), [
        ['QueueArn', 'arn:aws:sqs:us-east-1:000000000000:q'],
        ['ApproximateNumberOfMessages', '0'],
        ['ApproximateNumberOfMessagesNotVisible', '0'],
        ['ApproximateNumberOfMessagesDelayed', '0'],
        ['CreatedTimestamp', String(created)],
        ['LastModifiedTimestamp', String(created)],
        ['VisibilityTimeout', '30'],
        ['MaximumMessageSize', '1048576'],
        ['MessageRetentionPeriod', '345600'],
        ['DelaySeconds', '0'],
        ['ReceiveMessageWaitTimeSeconds', '0'],
        ['SqsManagedSseEnabled', 'true'],
      ]);
    }));

  test('no names: no Attributes; unknown names: InvalidAttributeName', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      assert.deepEqual(await t.call('GetQueueAttributes', { QueueUrl: url }), {});
      assert.deepEqual(await t.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['FifoQueue'] }), {});
      assert.deepEqual(await t.error('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['Bogus'] }), {
        status: 400,
        type: 'com.amazonaws.sqs#InvalidAttributeName',
        message: 'Unknown Attribute Bogus.',
        queryError: 'InvalidAttributeName;Sender',
      });
    }));

  test('counts visible, in-flight and delayed messages', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      for (const body of ['a', 'b', 'c']) await t.call('SendMessage', { QueueUrl: url, MessageBody: body });
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'later', DelaySeconds: 60 });
      await t.call('ReceiveMessage', { QueueUrl: url });
      const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'];
      assert.deepEqual((await t.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: names })).Attributes, {
        ApproximateNumberOfMessages: '2',
        ApproximateNumberOfMessagesNotVisible: '1',
        ApproximateNumberOfMessagesDelayed: '1',
      });
    }));

  test('SetQueueAttributes changes settable attributes, echoes a normalised redrive policy, removes it when empty', () =>
    withSqs(async (t) => {
      await t.createQueue('dlq');
      const url = await t.createQueue('q');
      t.clock.advance(5000);
      const policy = '{"maxReceiveCount":"5","deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq"}';
      assert.deepEqual(await t.call('SetQueueAttributes', { QueueUrl: url, Attributes: { VisibilityTimeout: '69', RedrivePolicy: policy } }), {});
      const names = ['VisibilityTimeout', 'RedrivePolicy', 'LastModifiedTimestamp'];
      assert.deepEqual((await t.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: names })).Attributes, {
        LastModifiedTimestamp: String(Math.floor(t.clock.now() / 1000)),
        VisibilityTimeout: '69',
        RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":5}',
      });
      await t.call('SetQueueAttributes', { QueueUrl: url, Attributes: { RedrivePolicy: '' } });
      assert.deepEqual(await t.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['RedrivePolicy'] }), {});
      const dlq = await t.call('GetQueueUrl', { QueueName: 'dlq' });
      assert.deepEqual(await t.call('ListDeadLetterSourceQueues', { QueueUrl: dlq.QueueUrl }), { queueUrls: [] });
    }));

  test('SetQueueAttributes refuses read-only names and requires Attributes', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      assert.equal((await t.error('SetQueueAttributes', { QueueUrl: url, Attributes: { ApproximateNumberOfMessages: '1' } })).message, 'Unknown Attribute ApproximateNumberOfMessages.');
      assert.equal((await t.error('SetQueueAttributes', { QueueUrl: url })).message, 'The request must contain the parameter Attributes.');
    }));

  test('ListDeadLetterSourceQueues lists queues whose redrive policy targets the queue', () =>
    withSqs(async (t) => {
      const dlq = await t.createQueue('dlq');
      const policy = '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":1}';
      const source = await t.createQueue('src', { RedrivePolicy: policy });
      assert.deepEqual(await t.call('ListDeadLetterSourceQueues', { QueueUrl: dlq }), { queueUrls: [source] });
    }));

  test('tags are added, listed and removed', () =>
    withSqs(async (t) => {
      const url = (await t.call('CreateQueue', { QueueName: 'q', tags: { team: 'a' } })).QueueUrl;
      await t.call('TagQueue', { QueueUrl: url, Tags: { env: 'test' } });
      assert.deepEqual(await t.call('ListQueueTags', { QueueUrl: url }), { Tags: { team: 'a', env: 'test' } });
      await t.call('UntagQueue', { QueueUrl: url, TagKeys: ['team', 'env'] });
      assert.deepEqual(await t.call('ListQueueTags', { QueueUrl: url }), {});
    }));
});
