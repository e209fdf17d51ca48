import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QueueNotFoundError } from './queue-message-sender.js';
import { RegistryQueueSender } from './registry-queue-sender.js';
import { startTestEngine } from './queue-engine.test-support.js';

describe('RegistryQueueSender', () => {
  test('delivers an attribute-less message to the queue with the ARN, durably', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('dlq', {}, {});
    const sender = new RegistryQueueSender(engine.registry, engine.messages);
    const body = '{"requestContext":{"condition":"RetryAttemptsExhausted"}}';
    const { messageId } = await sender.sendToArn('arn:aws:sqs:us-east-1:000000000000:dlq', body);
    const [got] = await engine.messages.receive(queue, { maxMessages: 1 });
    assert.equal(got!.message.messageId, messageId);
    assert.equal(got!.message.body, body);
    assert.deepEqual(got!.message.attributes, {});
    const { registry } = await engine.reopen();
    assert.equal(registry.require('dlq').messages.size, 1);
    await engine.close();
  });

  test('rejects with QueueNotFoundError for an unknown queue or another account', async () => {
    const engine = await startTestEngine();
    await engine.registry.create('dlq', {}, {});
    const sender = new RegistryQueueSender(engine.registry, engine.messages);
    await assert.rejects(sender.sendToArn('arn:aws:sqs:us-east-1:000000000000:nope', 'x'), (err: unknown) => err instanceof QueueNotFoundError && err.queue === 'arn:aws:sqs:us-east-1:000000000000:nope');
    await assert.rejects(sender.sendToArn('arn:aws:sqs:us-east-1:111111111111:dlq', 'x'), QueueNotFoundError);
    await engine.close();
  });

  test('rejects a body larger than the queue maximum message size', async () => {
    const engine = await startTestEngine();
    await engine.registry.create('small', { MaximumMessageSize: '1024' }, {});
    const sender = new RegistryQueueSender(engine.registry, engine.messages);
    await assert.rejects(sender.sendToArn('arn:aws:sqs:us-east-1:000000000000:small', 'x'.repeat(1025)), {
      message: 'message of 1025 bytes exceeds MaximumMessageSize 1024 of arn:aws:sqs:us-east-1:000000000000:small',
    });
    await engine.close();
  });
});
