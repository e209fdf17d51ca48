import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { esmClient, STREAM_ARN } from './event-source-mapping-fixture.js';

const required = { FunctionName: 'my-fn', EventSourceArn: STREAM_ARN, StartingPosition: 'LATEST' };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('DeleteEventSourceMapping', () => {
  test('answers 202 with the mapping in State Deleting; afterwards Get answers 404', async () => {
    const client = await esmClient();
    const created = await client.create(required);
    await client.registry.whenSettled();
    client.clock.advance(1000);
    const path = `/2015-03-31/event-source-mappings/${created['UUID'] as string}`;
    const reply = await client.call('DELETE', path);
    assert.deepEqual(reply, { status: 202, json: { ...created, State: 'Deleting', LastModified: 1700000001.123 } });
    await client.registry.whenSettled();
    assert.deepEqual(client.runner.calls.at(-1), { kind: 'remove', uuid: created['UUID'] });
    assert.deepEqual(await client.call('GET', path), {
      status: 404,
      errorType: 'ResourceNotFoundException',
      json: { Type: 'User', Message: 'The resource you requested does not exist.' },
    });
    assert.deepEqual(await client.call('GET', '/2015-03-31/event-source-mappings'), { status: 200, json: { EventSourceMappings: [] } });
  });

  test('a deleted pair can be mapped again', async () => {
    const client = await esmClient();
    const created = await client.create(required);
    await client.registry.whenSettled();
    await client.call('DELETE', `/2015-03-31/event-source-mappings/${created['UUID'] as string}`);
    await client.registry.whenSettled();
    assert.equal((await client.call('POST', '/2015-03-31/event-source-mappings', { body: required })).status, 202);
  });

  test('answers 400 ResourceInUseException while the mapping is still Creating', async () => {
    const client = await esmClient();
    client.runner.hold = true;
    const created = await client.create(required);
    const reply = await client.call('DELETE', `/2015-03-31/event-source-mappings/${created['UUID'] as string}`);
    assert.deepEqual(reply, {
      status: 400,
      errorType: 'ResourceInUseException',
      json: { Type: 'User', Message: 'Cannot delete the event source mapping because it is in use.' },
    });
    client.runner.release();
    await client.registry.whenSettled();
  });

  test('answers 404 ResourceNotFoundException for an unknown UUID', async () => {
    const client = await esmClient();
    const reply = await client.call('DELETE', `/2015-03-31/event-source-mappings/${MISSING}`);
    assert.deepEqual(reply, {
      status: 404,
      errorType: 'ResourceNotFoundException',
      json: { Type: 'User', Message: 'The resource you requested does not exist.' },
    });
  });
});
