import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withSqs } from './sqs-target.js';

describe('ReceiveMessage', () => {
  test('returns body, MD5, requested system attributes and the MD5 of the returned attributes only', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const sentAt = t.clock.now();
      const attributes = {
        General: { DataType: 'String', StringValue: 'Kenobi' },
        Hello: { DataType: 'String', StringValue: 'There' },
        'Help.Me': { DataType: 'String', StringValue: 'Me' },
      };
      const { MessageId } = await t.call('SendMessage', { QueueUrl: url, MessageBody: 'msg', MessageAttributes: attributes });
      t.clock.advance(7);
      const { Messages } = await t.call('ReceiveMessage', {
        QueueUrl: url,
        AttributeNames: ['All'],
        MessageAttributeNames: ['Hel.*'],
        VisibilityTimeout: 0,
      });
      assert.equal(Messages.length, 1);
      const [message] = Messages;
      assert.deepEqual(Object.keys(message), ['MessageId', 'ReceiptHandle', 'MD5OfBody', 'Body', 'Attributes', 'MD5OfMessageAttributes', 'MessageAttributes']);
      assert.equal(message.MessageId, MessageId);
      assert.equal(message.MD5OfBody, '6e2baaf3b97dbeef01c0043275f9a0e7');
      assert.equal(message.Body, 'msg');
      assert.deepEqual(message.Attributes, {
        SenderId: '000000000000',
        ApproximateFirstReceiveTimestamp: String(sentAt + 7),
        ApproximateReceiveCount: '1',
        SentTimestamp: String(sentAt),
      });
      assert.equal(message.MD5OfMessageAttributes, '83fee93c1bcd8b9a5a923ffacdc636c7');
      assert.deepEqual(message.MessageAttributes, { Hello: attributes.Hello, 'Help.Me': attributes['Help.Me'] });

      const selected = (await t.call('ReceiveMessage', { QueueUrl: url, MessageSystemAttributeNames: ['ApproximateReceiveCount'], MessageAttributeNames: ['All'], VisibilityTimeout: 0 })).Messages[0];
      assert.deepEqual(selected.Attributes, { ApproximateReceiveCount: '2' });
      assert.equal(selected.MD5OfMessageAttributes, '4c360f3fdafd970e05fae2f149d997f5');
      const bare = (await t.call('ReceiveMessage', { QueueUrl: url, MessageAttributeNames: ['Nope'] })).Messages[0];
      assert.deepEqual(Object.keys(bare), ['MessageId', 'ReceiptHandle', 'MD5OfBody', 'Body']);
    }));

  test('binary attributes come back as base64', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'b', MessageAttributes: { bin: { DataType: 'Binary', BinaryValue: 'AAE=' } } });
      const [message] = (await t.call('ReceiveMessage', { QueueUrl: url, MessageAttributeNames: ['.*'] })).Messages;
      assert.deepEqual(message.MessageAttributes, { bin: { BinaryValue: 'AAE=', DataType: 'Binary' } });
    }));

  test('an empty queue answers {} at once without a wait time', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      assert.deepEqual(await t.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 }), {});
    }));

  test('parameters out of range are refused with AWS wording', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const invalid = (message: string) => ({ status: 400, type: 'com.amazon.coral.service#InvalidParameterValueException', message, queryError: 'InvalidParameterValue;Sender' });
      assert.deepEqual(
        await t.error('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 11 }),
        invalid('Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.'),
      );
      assert.deepEqual(
        await t.error('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 0 }),
        invalid('Value 0 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.'),
      );
      assert.deepEqual(
        await t.error('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 21 }),
        invalid('Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.'),
      );
    }));

  test('a long poll holds until a message is sent, then returns it at once', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      let answer: Record<string, any> | undefined;
      const polling = t.call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 5 }).then((a) => (answer = a));
      await t.timers.advance(2000);
      assert.equal(answer, undefined);
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'now' });
      await polling;
      assert.equal((answer as Record<string, any> | undefined)?.Messages[0].Body, 'now');
    }));

  test('a long poll on an empty queue returns {} when WaitTimeSeconds is over', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      let answer: Record<string, any> | undefined;
      const polling = t.call('ReceiveMessage', { QueueUrl: url, WaitTimeSeconds: 5 }).then((a) => (answer = a));
      await t.timers.advance(4999);
      assert.equal(answer, undefined);
      await t.timers.advance(1);
      await polling;
      assert.deepEqual(answer, {});
    }));

  test('a message is invisible for its visibility timeout, then redelivered with count 2 and a new handle', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'x' });
      const first = (await t.call('ReceiveMessage', { QueueUrl: url, VisibilityTimeout: 1, AttributeNames: ['ApproximateReceiveCount'] })).Messages[0];
      assert.deepEqual(await t.call('ReceiveMessage', { QueueUrl: url }), {});
      t.clock.advance(1000);
      const second = (await t.call('ReceiveMessage', { QueueUrl: url, AttributeNames: ['ApproximateReceiveCount'] })).Messages[0];
      assert.equal(first.Attributes.ApproximateReceiveCount, '1');
      assert.equal(second.Attributes.ApproximateReceiveCount, '2');
      assert.notEqual(second.ReceiptHandle, first.ReceiptHandle);
    }));

  test('with maxReceiveCount 1 the second receive finds the message moved to the dead-letter queue', () =>
    withSqs(async (t) => {
      const dlq = await t.createQueue('dlq');
      const source = await t.createQueue('src', { RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":1}' });
      const { MessageId } = await t.call('SendMessage', { QueueUrl: source, MessageBody: 'poison' });
      await t.call('ReceiveMessage', { QueueUrl: source, VisibilityTimeout: 0 });
      assert.deepEqual(await t.call('ReceiveMessage', { QueueUrl: source }), {});
      const [moved] = (await t.call('ReceiveMessage', { QueueUrl: dlq, AttributeNames: ['DeadLetterQueueSourceArn'] })).Messages;
      assert.equal(moved.MessageId, MessageId);
      assert.equal(moved.Body, 'poison');
      assert.deepEqual(moved.Attributes, { DeadLetterQueueSourceArn: 'arn:aws:sqs:us-east-1:000000000000:src' });
    }));
});
