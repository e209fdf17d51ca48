import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withSqs, type SqsTarget } from './sqs-target.js';

async function receivedHandle(t: SqsTarget, url: string, body = 'x'): Promise<string> {
  await t.call('SendMessage', { QueueUrl: url, MessageBody: body });
  return (await t.call('ReceiveMessage', { QueueUrl: url })).Messages[0].ReceiptHandle as string;
}

describe('DeleteMessage, ChangeMessageVisibility, PurgeQueue', () => {
  test('DeleteMessage deletes; deleting again succeeds; a malformed handle is ReceiptHandleIsInvalid (404)', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const handle = await receivedHandle(t, url);
      assert.deepEqual(await t.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle }), {});
      assert.deepEqual(await t.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle }), {});
      t.clock.advance(30_000);
      assert.deepEqual(await t.call('ReceiveMessage', { QueueUrl: url }), {});
      assert.deepEqual(await t.error('DeleteMessage', { QueueUrl: url, ReceiptHandle: 'garbage' }), {
        status: 404,
        type: 'com.amazonaws.sqs#ReceiptHandleIsInvalid',
        message: 'The input receipt handle "garbage" is not a valid receipt handle.',
        queryError: 'ReceiptHandleIsInvalid;Sender',
      });
    }));

  test('ChangeMessageVisibility 0 makes the message visible at once; on a visible message it is MessageNotInflight', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const handle = await receivedHandle(t, url);
      assert.deepEqual(await t.call('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 0 }), {});
      assert.deepEqual(await t.error('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 10 }), {
        status: 400,
        type: 'com.amazonaws.sqs#MessageNotInflight',
        message: 'The message referred to is not in flight.',
        queryError: 'AWS.SimpleQueueService.MessageNotInflight;Sender',
      });
      assert.equal((await t.call('ReceiveMessage', { QueueUrl: url })).Messages[0].Body, 'x');
    }));

  test('ChangeMessageVisibility extends invisibility from now, up to 12 hours from the receive', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const handle = await receivedHandle(t, url);
      await t.call('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 100 });
      t.clock.advance(99_999);
      assert.deepEqual(await t.call('ReceiveMessage', { QueueUrl: url }), {});
      assert.deepEqual(await t.error('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 43_200 }), {
        status: 400,
        type: 'com.amazon.coral.service#InvalidParameterValueException',
        message: 'Value 43200 for parameter VisibilityTimeout is invalid. Reason: Total VisibilityTimeout for the message is beyond the limit [43200 seconds]',
        queryError: 'InvalidParameterValue;Sender',
      });
      assert.equal((await t.error('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle })).message, 'The request must contain the parameter VisibilityTimeout.');
    }));

  test('ChangeMessageVisibility on a deleted message is InvalidParameterValue', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const handle = await receivedHandle(t, url);
      await t.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: handle });
      assert.equal(
        (await t.error('ChangeMessageVisibility', { QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 5 })).message,
        `Value ${handle} for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.`,
      );
    }));

  test('PurgeQueue removes every message; a second purge within 60 s is refused with 403', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      await receivedHandle(t, url, 'in flight');
      await t.call('SendMessage', { QueueUrl: url, MessageBody: 'visible' });
      assert.deepEqual(await t.call('PurgeQueue', { QueueUrl: url }), {});
      t.clock.advance(60_000 - 1);
      assert.deepEqual(await t.call('ReceiveMessage', { QueueUrl: url }), {});
      assert.deepEqual(await t.error('PurgeQueue', { QueueUrl: url }), {
        status: 403,
        type: 'com.amazonaws.sqs#PurgeQueueInProgress',
        message: 'Only one PurgeQueue operation on q is allowed every 60 seconds.',
        queryError: 'AWS.SimpleQueueService.PurgeQueueInProgress;Sender',
      });
      t.clock.advance(1);
      assert.deepEqual(await t.call('PurgeQueue', { QueueUrl: url }), {});
    }));
});
