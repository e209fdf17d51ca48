import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueAttributeValueError, UnknownQueueAttributeError } from './queue-errors.js';
import { normalizeAttributes, normalizeRedrivePolicy, settingsOf } from './queue-settings.js';

const DLQ = 'arn:aws:sqs:us-east-1:000000000000:dlq';

describe('queue settings', () => {
  test('defaults are those of a new standard queue', () => {
    assert.deepEqual(settingsOf({}), {
      delaySeconds: 0,
      maximumMessageSize: 1_048_576,
      messageRetentionPeriod: 345_600,
      receiveMessageWaitTimeSeconds: 0,
      visibilityTimeout: 30,
    });
  });

  test('integer attributes are range-checked and normalised', () => {
    assert.deepEqual(normalizeAttributes({ VisibilityTimeout: ' 45', DelaySeconds: '900' }), { VisibilityTimeout: '45', DelaySeconds: '900' });
    assert.throws(() => normalizeAttributes({ DelaySeconds: '901' }), (err: unknown) => err instanceof QueueAttributeValueError && err.attribute === 'DelaySeconds');
    assert.throws(() => normalizeAttributes({ VisibilityTimeout: '1.5' }), QueueAttributeValueError);
    assert.throws(() => normalizeAttributes({ MaximumMessageSize: '1023' }), QueueAttributeValueError);
  });

  test('read-only and FIFO-only attributes are unknown here', () => {
    for (const name of ['QueueArn', 'ApproximateNumberOfMessages', 'ContentBasedDeduplication', 'Bogus']) {
      assert.throws(() => normalizeAttributes({ [name]: '1' }), (err: unknown) => err instanceof UnknownQueueAttributeError && err.attribute === name);
    }
  });

  test('a redrive policy is echoed with maxReceiveCount as a number', () => {
    assert.equal(normalizeRedrivePolicy(`{"maxReceiveCount":"3","deadLetterTargetArn":"${DLQ}"}`), `{"deadLetterTargetArn":"${DLQ}","maxReceiveCount":3}`);
    assert.deepEqual(settingsOf({ RedrivePolicy: normalizeRedrivePolicy(`{"deadLetterTargetArn":"${DLQ}","maxReceiveCount":2}`) }).redrivePolicy, {
      deadLetterTargetArn: DLQ,
      maxReceiveCount: 2,
    });
  });

  test('a bad redrive policy names its problem', () => {
    const problem = (value: string): unknown => {
      try {
        normalizeRedrivePolicy(value);
      } catch (err) {
        return (err as QueueAttributeValueError).reason;
      }
      return undefined;
    };
    assert.deepEqual(problem('{'), { kind: 'malformed' });
    assert.deepEqual(problem('{"maxReceiveCount":1}'), { kind: 'missing', field: 'deadLetterTargetArn' });
    assert.deepEqual(problem(`{"deadLetterTargetArn":"${DLQ}"}`), { kind: 'missing', field: 'maxReceiveCount' });
    assert.deepEqual(problem('{"deadLetterTargetArn":"dummy","maxReceiveCount":42}'), { kind: 'bad-arn' });
    assert.deepEqual(problem(`{"deadLetterTargetArn":"${DLQ}","maxReceiveCount":0}`), { kind: 'bad-count', count: '0' });
  });
});
