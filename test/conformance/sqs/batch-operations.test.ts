import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withSqs } from './sqs-target.js';

describe('SendMessageBatch, DeleteMessageBatch, ChangeMessageVisibilityBatch', () => {
  test('SendMessageBatch sends the valid entries and lists the others in Failed', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const answer = await t.call('SendMessageBatch', {
        QueueUrl: url,
        Entries: [
          { Id: 'ok', MessageBody: 'hello', MessageAttributes: { k1: { DataType: 'String', StringValue: 'v1' } } },
          { Id: 'empty', MessageBody: '' },
          { Id: 'late', MessageBody: 'x', DelaySeconds: 901 },
        ],
      });
      assert.equal(answer.Successful.length, 1);
      assert.deepEqual(Object.keys(answer.Successful[0]), ['Id', 'MD5OfMessageBody', 'MD5OfMessageAttributes', 'MessageId']);
      assert.equal(answer.Successful[0].MD5OfMessageBody, '5d41402abc4b2a76b9719d911017c592');
      assert.equal(answer.Successful[0].MD5OfMessageAttributes, 'aceb723e730da35e6ce11175c2d59ad1');
      assert.deepEqual(answer.Failed, [
        { Id: 'empty', SenderFault: true, Code: 'MissingParameter', Message: 'The request must contain the parameter MessageBody.' },
        { Id: 'late', SenderFault: true, Code: 'InvalidParameterValue', Message: 'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.' },
      ]);
      assert.deepEqual((await t.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 })).Messages.map((m: { Body: string }) => m.Body), ['hello']);
    }));

  test('an all-good batch still answers an empty Failed list', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const answer = await t.call('SendMessageBatch', { QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'a' }] });
      assert.deepEqual(answer.Failed, []);
    }));

  test('batch-wide rules: 1 to 10 entries, valid and distinct ids, at most 1 MiB', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const batch = (Entries: unknown[]) => t.error('SendMessageBatch', { QueueUrl: url, Entries });
      assert.deepEqual(await batch([]), {
        status: 400,
        type: 'com.amazonaws.sqs#EmptyBatchRequest',
        message: 'There should be at least one SendMessageBatchRequestEntry in the request.',
        queryError: 'AWS.SimpleQueueService.EmptyBatchRequest;Sender',
      });
      assert.deepEqual(await batch(Array.from({ length: 20 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }))), {
        status: 400,
        type: 'com.amazonaws.sqs#TooManyEntriesInBatchRequest',
        message: 'Maximum number of entries per request are 10. You have sent 20.',
        queryError: 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest;Sender',
      });
      for (const id of ['', 'invalid:id', 'x'.repeat(81)]) {
        assert.deepEqual(await batch([{ Id: id, MessageBody: 'x' }]), {
          status: 400,
          type: 'com.amazonaws.sqs#InvalidBatchEntryId',
          message: 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
          queryError: 'AWS.SimpleQueueService.InvalidBatchEntryId;Sender',
        });
      }
      assert.deepEqual(await batch([{ Id: 'a', MessageBody: 'x' }, { Id: 'a', MessageBody: 'y' }]), {
        status: 400,
        type: 'com.amazonaws.sqs#BatchEntryIdsNotDistinct',
        message: 'Id a repeated.',
        queryError: 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct;Sender',
      });
      assert.deepEqual(await batch([{ Id: 'a', MessageBody: 'x'.repeat(524_288) }, { Id: 'b', MessageBody: 'y'.repeat(524_289) }]), {
        status: 400,
        type: 'com.amazonaws.sqs#BatchRequestTooLong',
        message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.',
        queryError: 'AWS.SimpleQueueService.BatchRequestTooLong;Sender',
      });
    }));

  test('DeleteMessageBatch and ChangeMessageVisibilityBatch report each entry', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      await t.call('SendMessageBatch', { QueueUrl: url, Entries: [{ Id: 'a', MessageBody: 'a' }, { Id: 'b', MessageBody: 'b' }] });
      const [a, b] = (await t.call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10 })).Messages as { ReceiptHandle: string }[];
      assert.deepEqual(
        await t.call('ChangeMessageVisibilityBatch', {
          QueueUrl: url,
          Entries: [
            { Id: 'a', ReceiptHandle: a!.ReceiptHandle, VisibilityTimeout: 0 },
            { Id: 'bad', ReceiptHandle: 'nope', VisibilityTimeout: 0 },
          ],
        }),
        {
          Successful: [{ Id: 'a' }],
          Failed: [{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "nope" is not a valid receipt handle.' }],
        },
      );
      assert.deepEqual(
        await t.call('DeleteMessageBatch', {
          QueueUrl: url,
          Entries: [
            { Id: 'a', ReceiptHandle: a!.ReceiptHandle },
            { Id: 'b', ReceiptHandle: b!.ReceiptHandle },
            { Id: 'bad', ReceiptHandle: 'nope' },
          ],
        }),
        {
          Successful: [{ Id: 'a' }, { Id: 'b' }],
          Failed: [{ Id: 'bad', SenderFault: true, Code: 'ReceiptHandleIsInvalid', Message: 'The input receipt handle "nope" is not a valid receipt handle.' }],
        },
      );
      const [count] = Object.values((await t.call('GetQueueAttributes', { QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] })).Attributes);
      assert.equal(count, '0');
    }));
});
