import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { MessageService } from '../queues/message-service.js';
import { QueueRegistry } from '../queues/queue-registry.js';
import type { ConsoleDeps, MappingPort } from './console-deps.js';
import { RegistryQueuePort } from './registry-queue-port.js';
import { createStack, type Stack } from './console-stack.test-support.js';

const STREAM_ARN = 'arn:aws:kinesis:us-east-1:000000000000:stream/orders';

function failureBody(shardId: string, start: string, end: string): string {
  return JSON.stringify({
    requestContext: { requestId: 'r', functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:fn', condition: 'RetryAttemptsExhausted', approximateInvokeCount: 3 },
    version: '1.0',
    KinesisBatchInfo: { shardId, startSequenceNumber: start, endSequenceNumber: end, batchSize: 2, streamArn: STREAM_ARN },
  });
}

describe('console API: queues, failed records, redrive', () => {
  let s: Stack;
  let registry: QueueRegistry;
  let messages: MessageService;
  let deps: ConsoleDeps;
  before(async () => {
    s = await createStack();
    registry = new QueueRegistry({ store: s.store, clock: s.clock, accountId: '000000000000', region: 'us-east-1' });
    await registry.load();
    messages = new MessageService({ registry, store: s.store, clock: s.clock });
    const port = new RegistryQueuePort({ registry, messages, store: s.store, clock: s.clock });
    deps = s.deps({
      queues: port,
      records: { putRecords: async (streamName, entries) => void (await s.records.putRecords({ streamName }, entries)) },
    });
  });
  after(async () => {
    messages.close();
    await s.close();
  });

  test('a dead-letter queue lists its source; on-failure messages resolve to the failed records; redrive puts them back', async () => {
    const dlq = await registry.create('dlq', {}, {});
    await registry.create('work', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 1 }) }, {});
    const puts = await s.put([['p', 'first'], ['p', 'second'], ['p', 'third']]);
    const shardId = puts[0]!.shardId;
    await messages.send(dlq, [{ body: failureBody(shardId, puts[0]!.seq, puts[1]!.seq), attributes: {}, systemAttributes: {} }]);

    const mappings = { list: () => [{ functionName: 'fn-b', onFailureDestination: dlq.arn }, { functionName: 'fn-a', onFailureDestination: dlq.arn }, { functionName: 'fn-c' }] } as unknown as MappingPort;
    const list = await s.call({ ...deps, mappings }, 'GET', '/queues');
    assert.deepEqual((list.json as { queues: unknown[] }).queues, [
      { name: 'dlq', arn: 'arn:aws:sqs:us-east-1:000000000000:dlq', visible: 1, inFlight: 0, delayed: 0, deadLetterTargetArn: null, deadLetterSources: ['work'], onFailureFor: ['fn-a', 'fn-b'] },
      { name: 'work', arn: 'arn:aws:sqs:us-east-1:000000000000:work', visible: 0, inFlight: 0, delayed: 0, deadLetterTargetArn: dlq.arn, deadLetterSources: [], onFailureFor: [] },
    ]);

    const view = await s.call(deps, 'GET', '/queues/dlq/messages');
    const [message] = (view.json as { messages: { failedBatch: { streamName: string; condition: string; records: { sequenceNumber: string; data: { utf8: string } }[] } }[] }).messages;
    assert.equal(message!.failedBatch.streamName, 'orders');
    assert.equal(message!.failedBatch.condition, 'RetryAttemptsExhausted');
    assert.deepEqual(message!.failedBatch.records.map((r) => [r.sequenceNumber, r.data.utf8]), [[puts[0]!.seq, 'first'], [puts[1]!.seq, 'second']]);

    const redrive = await s.call(deps, 'POST', '/queues/dlq/redrive');
    assert.deepEqual(redrive, { status: 200, json: { movedToSourceQueue: 0, recordsPutToStream: 2, messagesRedriven: 1, skipped: 0 } });
    const again = await s.call(deps, 'GET', `/streams/orders/records?partitionKey=p`);
    assert.deepEqual((again.json as { records: { data: { utf8: string } }[] }).records.map((r) => r.data.utf8), ['second', 'first', 'third', 'second', 'first']);
    assert.equal(dlq.messages.size, 0);
  });

  test('an SQS dead letter is moved back to its source queue, visible and never received', async () => {
    const work = registry.get('work')!;
    await messages.send(work, [{ body: 'hello', attributes: {}, systemAttributes: {} }]);
    await messages.receive(work, { maxMessages: 1, visibilityTimeout: 0, waitTimeSeconds: 0 });
    s.clock.advance(1);
    const moved = await messages.receive(work, { maxMessages: 1, waitTimeSeconds: 0 });
    assert.equal(moved.length, 0); // the second receive moved it to the DLQ (maxReceiveCount 1)
    const view = await s.call(deps, 'GET', '/queues/dlq/messages');
    assert.deepEqual((view.json as { messages: { body: string; deadLetterSourceArn: string; failedBatch: null }[] }).messages.map((m) => [m.body, m.deadLetterSourceArn, m.failedBatch]), [['hello', work.arn, null]]);
    assert.deepEqual((await s.call(deps, 'POST', '/queues/dlq/redrive')).json, { movedToSourceQueue: 1, recordsPutToStream: 0, messagesRedriven: 1, skipped: 0 });
    const back = [...work.messages.values()];
    assert.deepEqual(back.map((m) => [m.body, m.receiveCount, m.visibleAt <= s.clock.now()]), [['hello', 0, true]]);
  });

  test('an unknown queue is 404', async () => {
    assert.deepEqual(await s.call(deps, 'GET', '/queues/nope/messages'), { status: 404, json: { error: 'queue nope not found' } });
    assert.deepEqual(await s.call(deps, 'POST', '/queues/nope/redrive'), { status: 404, json: { error: 'queue nope not found' } });
  });
});
