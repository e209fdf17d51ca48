import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SERVER_URL, withSqs } from './sqs-target.js';

describe('CreateQueue', () => {
  test('returns a URL on this server, and the same URL again for the same attributes', () =>
    withSqs(async (t) => {
      assert.deepEqual(await t.call('CreateQueue', { QueueName: 'dlq', Attributes: { VisibilityTimeout: '45' } }), {
        QueueUrl: `${SERVER_URL}/000000000000/dlq`,
      });
      assert.deepEqual(await t.call('CreateQueue', { QueueName: 'dlq', Attributes: { VisibilityTimeout: '45' } }), {
        QueueUrl: `${SERVER_URL}/000000000000/dlq`,
      });
      assert.deepEqual(await t.call('CreateQueue', { QueueName: 'dlq' }), { QueueUrl: `${SERVER_URL}/000000000000/dlq` });
    }));

  test('refuses an existing name with a different attribute value', () =>
    withSqs(async (t) => {
      await t.createQueue('q');
      assert.deepEqual(await t.error('CreateQueue', { QueueName: 'q', Attributes: { DelaySeconds: '1' } }), {
        status: 400,
        type: 'com.amazonaws.sqs#QueueNameExists',
        message: 'A queue already exists with the same name and a different value for attribute DelaySeconds',
        queryError: 'QueueAlreadyExists;Sender',
      });
    }));

  test('requires a valid queue name', () =>
    withSqs(async (t) => {
      assert.deepEqual(await t.error('CreateQueue', {}), {
        status: 400,
        type: 'com.amazon.coral.service#MissingRequiredParameterException',
        message: 'The request must contain the parameter QueueName.',
        queryError: 'MissingParameter;Sender',
      });
      for (const name of ['has space', 'a'.repeat(81), 'dots.not.allowed']) {
        assert.deepEqual(await t.error('CreateQueue', { QueueName: name }), {
          status: 400,
          type: 'com.amazon.coral.service#InvalidParameterValueException',
          message: 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
          queryError: 'InvalidParameterValue;Sender',
        });
      }
      assert.equal((await t.call('CreateQueue', { QueueName: 'a'.repeat(80) })).QueueUrl, `${SERVER_URL}/000000000000/${'a'.repeat(80)}`);
    }));

  test('refuses unknown, read-only and out-of-range attributes', () =>
    withSqs(async (t) => {
      assert.deepEqual(await t.error('CreateQueue', { QueueName: 'q', Attributes: { QueueArn: 'x' } }), {
        status: 400,
        type: 'com.amazonaws.sqs#InvalidAttributeName',
        message: 'Unknown Attribute QueueArn.',
        queryError: 'InvalidAttributeName;Sender',
      });
      assert.deepEqual(await t.error('CreateQueue', { QueueName: 'q', Attributes: { VisibilityTimeout: '43201' } }), {
        status: 400,
        type: 'com.amazonaws.sqs#InvalidAttributeValue',
        message: 'Invalid value for the parameter VisibilityTimeout.',
        queryError: 'InvalidAttributeValue;Sender',
      });
    }));

  test('checks the redrive policy and its dead-letter target', () =>
    withSqs(async (t) => {
      const dummy = '{"deadLetterTargetArn": "dummy", "maxReceiveCount": 42}';
      assert.deepEqual(await t.error('CreateQueue', { QueueName: 'q', Attributes: { RedrivePolicy: dummy } }), {
        status: 400,
        type: 'com.amazon.coral.service#InvalidParameterValueException',
        message: `Value ${dummy} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.`,
        queryError: 'InvalidParameterValue;Sender',
      });
      const missing = '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:nope","maxReceiveCount":"3"}';
      assert.equal(
        (await t.error('CreateQueue', { QueueName: 'q', Attributes: { RedrivePolicy: missing } })).message,
        `Value ${missing} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
      );
      const zero = '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":0}';
      assert.equal(
        (await t.error('CreateQueue', { QueueName: 'q', Attributes: { RedrivePolicy: zero } })).message,
        `Value ${zero} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.`,
      );
    }));

  test('FIFO queues are not supported', () =>
    withSqs(async (t) => {
      const expected = {
        status: 400,
        type: 'com.amazonaws.sqs#UnsupportedOperation',
        message: 'FIFO queues are not supported by Tributary.',
        queryError: 'AWS.SimpleQueueService.UnsupportedOperation;Sender',
      };
      assert.deepEqual(await t.error('CreateQueue', { QueueName: 'q.fifo', Attributes: { FifoQueue: 'true' } }), expected);
      assert.deepEqual(await t.error('CreateQueue', { QueueName: 'q', Attributes: { FifoQueue: 'true' } }), expected);
    }));
});
