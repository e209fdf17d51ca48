import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { settle } from './manual-timers.test-support.js';
import {
  MessageNotInflightError,
  MessageUnavailableError,
  PurgeInProgressError,
  ReceiptHandleInvalidError,
  VisibilityLimitError,
} from './queue-errors.js';
import { startTestEngine } from './queue-engine.test-support.js';
import type { OutgoingMessage } from './message-service.js';

const plain = (body: string, delaySeconds?: number): OutgoingMessage => ({
  body,
  attributes: {},
  systemAttributes: {},
  ...(delaySeconds === undefined ? {} : { delaySeconds }),
});

describe('MessageService', () => {
  test('send returns the body and attribute MD5s; receive hands the message out once', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    const [sent] = await engine.messages.send(queue, [
      { body: 'hello', attributes: { k1: { dataType: 'String', stringValue: 'v1' } }, systemAttributes: {} },
    ]);
    assert.equal(sent!.md5OfBody, '5d41402abc4b2a76b9719d911017c592');
    assert.equal(sent!.md5OfAttributes, 'aceb723e730da35e6ce11175c2d59ad1');
    assert.equal(sent!.md5OfSystemAttributes, undefined);
    assert.match(sent!.messageId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);

    const [got] = await engine.messages.receive(queue, { maxMessages: 10 });
    assert.equal(got!.message.messageId, sent!.messageId);
    assert.equal(got!.message.receiveCount, 1);
    assert.equal(got!.message.firstReceiveAt, engine.clock.now());
    assert.deepEqual(await engine.messages.receive(queue, { maxMessages: 10 }), []);
    assert.deepEqual(queue.counts(engine.clock.now()), { visible: 0, notVisible: 1, delayed: 0 });
    await engine.close();
  });

  test('receive returns at most maxMessages in enqueue order', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    await engine.messages.send(queue, ['a', 'b', 'c'].map((b) => plain(b)));
    const first = await engine.messages.receive(queue, { maxMessages: 2 });
    assert.deepEqual(first.map((r) => r.message.body), ['a', 'b']);
    assert.deepEqual((await engine.messages.receive(queue, { maxMessages: 2 })).map((r) => r.message.body), ['c']);
    await engine.close();
  });

  test('after the visibility timeout the message is redelivered with a new handle and count 2', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    await engine.messages.send(queue, [plain('x')]);
    const [first] = await engine.messages.receive(queue, { maxMessages: 1, visibilityTimeout: 1 });
    engine.clock.advance(999);
    assert.deepEqual(await engine.messages.receive(queue, { maxMessages: 1 }), []);
    engine.clock.advance(1);
    const [second] = await engine.messages.receive(queue, { maxMessages: 1 });
    assert.equal(second!.message.receiveCount, 2);
    assert.notEqual(second!.receiptHandle, first!.receiptHandle);
    assert.equal(second!.message.firstReceiveAt, first!.message.firstReceiveAt);
    await engine.close();
  });

  test('a delayed message is counted as delayed until its delay ends', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', { DelaySeconds: '5' }, {});
    await engine.messages.send(queue, [plain('queue-delay'), plain('own-delay', 0)]);
    assert.deepEqual(queue.counts(engine.clock.now()), { visible: 1, notVisible: 0, delayed: 1 });
    assert.deepEqual((await engine.messages.receive(queue, { maxMessages: 10 })).map((r) => r.message.body), ['own-delay']);
    engine.clock.advance(5000);
    assert.deepEqual((await engine.messages.receive(queue, { maxMessages: 10 })).map((r) => r.message.body), ['queue-delay']);
    await engine.close();
  });

  test('a long poll returns as soon as a message is sent', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    let result: string[] | undefined;
    const polling = engine.messages.receive(queue, { maxMessages: 1, waitTimeSeconds: 20 }).then((r) => (result = r.map((m) => m.message.body)));
    await settle();
    assert.equal(result, undefined);
    assert.equal(engine.timers.size, 1);
    await engine.messages.send(queue, [plain('wake')]);
    await polling;
    assert.deepEqual(result, ['wake']);
    assert.equal(engine.timers.size, 0);
    await engine.close();
  });

  test('a long poll on an empty queue returns nothing when its wait time is over', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', { ReceiveMessageWaitTimeSeconds: '5' }, {});
    let result: unknown;
    const polling = engine.messages.receive(queue, { maxMessages: 1 }).then((r) => (result = r));
    await engine.timers.advance(4999);
    assert.equal(result, undefined);
    await engine.timers.advance(1);
    await polling;
    assert.deepEqual(result, []);
    await engine.close();
  });

  test('a long poll wakes when a delayed or in-flight message becomes visible', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    await engine.messages.send(queue, [plain('later', 3)]);
    let result: string[] | undefined;
    const polling = engine.messages.receive(queue, { maxMessages: 1, waitTimeSeconds: 20 }).then((r) => (result = r.map((m) => m.message.body)));
    await engine.timers.advance(2999);
    assert.equal(result, undefined);
    await engine.timers.advance(1);
    await polling;
    assert.deepEqual(result, ['later']);
    await engine.close();
  });

  test('close releases parked long polls with no messages', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    const polling = engine.messages.receive(queue, { maxMessages: 1, waitTimeSeconds: 20 });
    await settle();
    engine.messages.close();
    assert.deepEqual(await polling, []);
    await engine.close();
  });

  test('delete removes the message, also with a stale handle, and twice is fine', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    await engine.messages.send(queue, [plain('x')]);
    const [first] = await engine.messages.receive(queue, { maxMessages: 1, visibilityTimeout: 0 });
    await engine.messages.receive(queue, { maxMessages: 1 });
    await engine.messages.delete(queue, first!.receiptHandle);
    await engine.messages.delete(queue, first!.receiptHandle);
    assert.equal(queue.messages.size, 0);
    await assert.rejects(engine.messages.delete(queue, 'not-a-handle'), ReceiptHandleInvalidError);
    await engine.close();
  });

  test('a handle of another queue is invalid', async () => {
    const engine = await startTestEngine();
    const a = await engine.registry.create('a', {}, {});
    const b = await engine.registry.create('b', {}, {});
    await engine.messages.send(a, [plain('x')]);
    const [got] = await engine.messages.receive(a, { maxMessages: 1 });
    await assert.rejects(engine.messages.delete(b, got!.receiptHandle), ReceiptHandleInvalidError);
    await engine.close();
  });

  test('changeVisibility re-times in-flight messages and refuses the others', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    await engine.messages.send(queue, [plain('x')]);
    const [got] = await engine.messages.receive(queue, { maxMessages: 1 });
    await engine.messages.changeVisibility(queue, got!.receiptHandle, 0);
    await assert.rejects(engine.messages.changeVisibility(queue, got!.receiptHandle, 10), MessageNotInflightError);
    const [again] = await engine.messages.receive(queue, { maxMessages: 1 });
    await assert.rejects(engine.messages.changeVisibility(queue, again!.receiptHandle, 43_201), VisibilityLimitError);
    engine.clock.advance(10_000);
    await assert.rejects(engine.messages.changeVisibility(queue, again!.receiptHandle, 43_191), VisibilityLimitError);
    await engine.messages.changeVisibility(queue, again!.receiptHandle, 43_190);
    await engine.messages.delete(queue, again!.receiptHandle);
    await assert.rejects(engine.messages.changeVisibility(queue, again!.receiptHandle, 5), MessageUnavailableError);
    await engine.close();
  });

  test('messages past the retention period disappear', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', { MessageRetentionPeriod: '60' }, {});
    await engine.messages.send(queue, [plain('old')]);
    engine.clock.advance(30_000);
    await engine.messages.send(queue, [plain('new')]);
    engine.clock.advance(30_000);
    assert.deepEqual(queue.counts(engine.clock.now()), { visible: 1, notVisible: 0, delayed: 0 });
    assert.deepEqual((await engine.messages.receive(queue, { maxMessages: 10 })).map((r) => r.message.body), ['new']);
    assert.equal(queue.messages.size, 1);
    await engine.close();
  });

  test('a message received maxReceiveCount times moves to the dead-letter queue', async () => {
    const engine = await startTestEngine();
    const dlq = await engine.registry.create('dlq', {}, {});
    const source = await engine.registry.create('src', { RedrivePolicy: `{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":1}` }, {});
    const [sent] = await engine.messages.send(source, [
      { body: 'poison', attributes: { k: { dataType: 'String', stringValue: 'v' } }, systemAttributes: {} },
    ]);
    const sentAt = engine.clock.now();
    await engine.messages.receive(source, { maxMessages: 1, visibilityTimeout: 0 });
    engine.clock.advance(1);
    assert.deepEqual(await engine.messages.receive(source, { maxMessages: 1 }), []);
    assert.equal(source.messages.size, 0);
    const [moved] = await engine.messages.receive(dlq, { maxMessages: 1 });
    assert.equal(moved!.message.messageId, sent!.messageId);
    assert.equal(moved!.message.body, 'poison');
    assert.deepEqual(moved!.message.attributes, { k: { dataType: 'String', stringValue: 'v' } });
    assert.equal(moved!.message.sentAt, sentAt);
    assert.equal(moved!.message.deadLetterSourceArn, source.arn);
    assert.equal(moved!.message.receiveCount, 2);
    await engine.close();
  });

  test('a move to the dead-letter queue wakes a long poll on it', async () => {
    const engine = await startTestEngine();
    const dlq = await engine.registry.create('dlq', {}, {});
    const source = await engine.registry.create('src', { RedrivePolicy: `{"deadLetterTargetArn":"${dlq.arn}","maxReceiveCount":1}` }, {});
    await engine.messages.send(source, [plain('poison')]);
    await engine.messages.receive(source, { maxMessages: 1, visibilityTimeout: 0 });
    const polling = engine.messages.receive(dlq, { maxMessages: 1, waitTimeSeconds: 20 });
    await settle();
    await engine.messages.receive(source, { maxMessages: 1 });
    assert.deepEqual((await polling).map((r) => r.message.body), ['poison']);
    await engine.close();
  });

  test('purge removes every message and refuses a second purge within 60 seconds', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    await engine.messages.send(queue, [plain('a'), plain('b')]);
    await engine.messages.receive(queue, { maxMessages: 1 });
    await engine.messages.purge(queue);
    assert.equal(queue.messages.size, 0);
    engine.clock.advance(59_999);
    await assert.rejects(engine.messages.purge(queue), (err: unknown) => err instanceof PurgeInProgressError && err.queueName === 'q');
    engine.clock.advance(1);
    await engine.messages.purge(queue);
    await engine.close();
  });

  test('messages and their receive state survive a reload', async () => {
    const engine = await startTestEngine();
    const queue = await engine.registry.create('q', {}, {});
    await engine.messages.send(queue, [plain('a'), plain('b')]);
    const [got] = await engine.messages.receive(queue, { maxMessages: 1, visibilityTimeout: 60 });
    const { registry, messages } = await engine.reopen();
    const reloaded = registry.require('q');
    assert.deepEqual(reloaded.counts(engine.clock.now()), { visible: 1, notVisible: 1, delayed: 0 });
    await messages.send(reloaded, [plain('c')]);
    assert.deepEqual([...reloaded.messages.keys()], [1, 2, 3]);
    await messages.delete(reloaded, got!.receiptHandle);
    assert.deepEqual((await messages.receive(reloaded, { maxMessages: 10 })).map((r) => r.message.body), ['b', 'c']);
    messages.close();
    await engine.close();
  });
});
