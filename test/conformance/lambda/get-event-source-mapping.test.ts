import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { esmClient, STREAM_ARN } from './event-source-mapping-fixture.js';

const required = { FunctionName: 'my-fn', EventSourceArn: STREAM_ARN, StartingPosition: 'TRIM_HORIZON' };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe('GetEventSourceMapping', () => {
  test('answers 200 with the mapping, settled to Enabled, LastModified at the settle time', async () => {
    const client = await esmClient();
    client.runner.hold = true;
    const created = await client.create(required);
    client.clock.advance(250);
    client.runner.release();
    await client.registry.whenSettled();
    const reply = await client.call('GET', `/2015-03-31/event-source-mappings/${created['UUID'] as string}`);
    assert.deepEqual(reply, { status: 200, json: { ...created, State: 'Enabled', LastModified: 1700000000.373 } });
  });

  test('shows the LastProcessingResult the mapping engine reported', async () => {
    const client = await esmClient();
    const created = await client.create(required);
    await client.registry.whenSettled();
    client.registry.setLastProcessingResult(created['UUID'] as string, 'PROBLEM: Function call failed');
    const reply = await client.call('GET', `/2015-03-31/event-source-mappings/${created['UUID'] as string}`);
    assert.equal((reply.json as Record<string, unknown>)['LastProcessingResult'], 'PROBLEM: Function call failed');
  });

  test('answers 404 ResourceNotFoundException "The resource you requested does not exist." for an unknown UUID', async () => {
    const client = await esmClient();
    const reply = await client.call('GET', `/2015-03-31/event-source-mappings/${MISSING}`);
    assert.deepEqual(reply, {
      status: 404,
      errorType: 'ResourceNotFoundException',
      json: { Type: 'User', Message: 'The resource you requested does not exist.' },
    });
  });
});
