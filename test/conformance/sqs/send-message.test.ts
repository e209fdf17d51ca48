import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withSqs } from './sqs-target.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function invalid(message: string): { status: number; type: string; message: string; queryError: string } {
  return { status: 400, type: 'com.amazon.coral.service#InvalidParameterValueException', message, queryError: 'InvalidParameterValue;Sender' };
}

describe('SendMessage', () => {
  test('returns the MD5s of body and attributes', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const plain = await t.call('SendMessage', { QueueUrl: url, MessageBody: 'hello' });
      assert.deepEqual(Object.keys(plain), ['MD5OfMessageBody', 'MessageId']);
      assert.equal(plain.MD5OfMessageBody, '5d41402abc4b2a76b9719d911017c592');
      assert.match(plain.MessageId, UUID);
      const attributed = await t.call('SendMessage', {
        QueueUrl: url,
        MessageBody: 'hello',
        MessageAttributes: { k1: { DataType: 'String', StringValue: 'v1' }, bin: { DataType: 'Binary', BinaryValue: 'AAE=' } },
        MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1-5759e988-bd862e3fe1be46a994272793' } },
      });
      assert.equal(attributed.MD5OfMessageAttributes, '387a75467d2e77500e7f31f24548dc8a');
      assert.match(attributed.MD5OfMessageSystemAttributes, /^[0-9a-f]{32}$/);
    }));

  test('requires a non-empty body of allowed characters', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      for (const body of [{}, { MessageBody: '' }]) {
        assert.deepEqual(await t.error('SendMessage', { QueueUrl: url, ...body }), {
          status: 400,
          type: 'com.amazon.coral.service#MissingRequiredParameterException',
          message: 'The request must contain the parameter MessageBody.',
          queryError: 'MissingParameter;Sender',
        });
      }
      assert.deepEqual(await t.error('SendMessage', { QueueUrl: url, MessageBody: 'bell\u0007' }), {
        status: 400,
        type: 'com.amazonaws.sqs#InvalidMessageContents',
        message: 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
        queryError: 'InvalidMessageContents;Sender',
      });
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'tab\tok \u{1F600} \uE000' });
    }));

  test('body plus attributes must fit the queue maximum message size', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q', { MaximumMessageSize: '1024' });
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'x'.repeat(1024) });
      assert.deepEqual(
        await t.error('SendMessage', { QueueUrl: url, MessageBody: 'x'.repeat(1020), MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } }),
        invalid('One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes.'),
      );
    }));

  test('DelaySeconds must be 0 to 900', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      assert.deepEqual(
        await t.error('SendMessage', { QueueUrl: url, MessageBody: 'x', DelaySeconds: 901 }),
        invalid('Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.'),
      );
    }));

  test('message attributes are validated', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const send = (attributes: Record<string, unknown>) => t.error('SendMessage', { QueueUrl: url, MessageBody: 'x', MessageAttributes: attributes });
      assert.deepEqual(await send({ k: { DataType: 'String', StringValue: '' } }), invalid("Message (user) attribute 'k' must contain a non-empty value of type 'String'."));
      assert.deepEqual(
        await send({ k: { DataType: 'Text', StringValue: 'v' } }),
        invalid("The message attribute 'k' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String."),
      );
      assert.deepEqual(await send({ n: { DataType: 'Number', StringValue: 'abc' } }), invalid("Can't cast the value of message (user) attribute 'n' to a number."));
      assert.equal((await send({ 'AWS.x': { DataType: 'String', StringValue: 'v' } })).message.startsWith("You can't use message attribute names beginning with 'AWS.'"), true);
      const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: 'String', StringValue: 'v' }]));
      assert.deepEqual(await send(eleven), invalid('Number of message attributes [11] exceeds the allowed maximum [10].'));
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'x', MessageAttributes: { n: { DataType: 'Number.float', StringValue: '-1.5e3' } } });
    }));

  test('MessageDeduplicationId is not valid for a standard queue', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      assert.deepEqual(
        await t.error('SendMessage', { QueueUrl: url, MessageBody: 'x', MessageDeduplicationId: 'd1' }),
        invalid('Value d1 for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type.'),
      );
    }));
});
