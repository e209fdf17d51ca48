import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { FifoUnsupportedError, QueueAttributeValueError, QueueMissingError, QueueNameTakenError } from './queue-errors.js';
import { startTestEngine } from './queue-engine.test-support.js';

describe('QueueRegistry', () => {
  test('create returns the existing queue when the given attributes match', async () => {
    const engine = await startTestEngine();
    const first = await engine.registry.create('jobs', { VisibilityTimeout: '45' }, { team: 'a' });
    const again = await engine.registry.create('jobs', { VisibilityTimeout: '45' }, {});
    assert.equal(again, first);
    assert.equal(first.arn, 'arn:aws:sqs:us-east-1:000000000000:jobs');
    assert.equal(first.settings.visibilityTimeout, 45);
    await engine.close();
  });

  test('create refuses an existing name with a different attribute value', async () => {
    const engine = await startTestEngine();
    await engine.registry.create('jobs', {}, {});
    await assert.rejects(engine.registry.create('jobs', { DelaySeconds: '5' }, {}), (err: unknown) => err instanceof QueueNameTakenError && err.attribute === 'DelaySeconds');
    assert.equal((await engine.registry.create('jobs', { DelaySeconds: '0' }, {})).name, 'jobs');
    await engine.close();
  });

  test('a redrive policy must name an existing queue', async () => {
    const engine = await startTestEngine();
    const policy = '{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":2}';
    await assert.rejects(engine.registry.create('src', { RedrivePolicy: policy }, {}), (err: unknown) => err instanceof QueueAttributeValueError && err.reason?.kind === 'no-target');
    const dlq = await engine.registry.create('dlq', {}, {});
    const source = await engine.registry.create('src', { RedrivePolicy: policy }, {});
    assert.deepEqual(engine.registry.deadLetterSources(dlq).map((q) => q.name), ['src']);
    await engine.registry.setAttributes(source, { RedrivePolicy: '' });
    assert.equal(source.settings.redrivePolicy, undefined);
    await engine.close();
  });

  test('FIFO queues are refused', async () => {
    const engine = await startTestEngine();
    await assert.rejects(engine.registry.create('jobs', { FifoQueue: 'true' }, {}), FifoUnsupportedError);
    await engine.close();
  });

  test('queues, attributes and tags survive a reload; deleted queues do not', async () => {
    const engine = await startTestEngine();
    const jobs = await engine.registry.create('jobs', { MessageRetentionPeriod: '600' }, { a: '1' });
    await engine.registry.tag(jobs, { b: '2' });
    await engine.registry.untag(jobs, ['a']);
    const gone = await engine.registry.create('gone', {}, {});
    await engine.registry.delete(gone);
    assert.equal(gone.deleted, true);
    assert.throws(() => engine.registry.require('gone'), QueueMissingError);

    const { registry } = await engine.reopen();
    assert.deepEqual(registry.list().map((q) => q.name), ['jobs']);
    const loaded = registry.require('jobs');
    assert.equal(loaded.settings.messageRetentionPeriod, 600);
    assert.deepEqual(loaded.record.tags, { b: '2' });
    assert.equal(loaded.record.id, jobs.record.id);
    await engine.close();
  });

  test('list filters by prefix and sorts by name; byArn finds queues of this account', async () => {
    const engine = await startTestEngine();
    for (const name of ['b-two', 'a-one', 'b-one']) await engine.registry.create(name, {}, {});
    assert.deepEqual(engine.registry.list('b-').map((q) => q.name), ['b-one', 'b-two']);
    assert.equal(engine.registry.byArn('arn:aws:sqs:eu-west-1:000000000000:a-one')?.name, 'a-one');
    assert.equal(engine.registry.byArn('arn:aws:sqs:us-east-1:111111111111:a-one'), undefined);
    assert.equal(engine.registry.byArn('not-an-arn'), undefined);
    await engine.close();
  });
});
