import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { esmClient, FUNCTION_ARN, REGION, ACCOUNT, STREAM_ARN } from './event-source-mapping-fixture.js';

const required = {
  FunctionName: 'my-fn',
  EventSourceArn: STREAM_ARN,
  StartingPosition: 'TRIM_HORIZON',
  FilterCriteria: { Filters: [{ Pattern: '{"data":{"a":["x"]}}' }] },
  DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq` } },
};
const MISSING = '00000000-0000-4000-8000-000000000000';

async function settled() {
  const client = await esmClient();
  const created = await client.create(required);
  await client.registry.whenSettled();
  const path = `/2015-03-31/event-source-mappings/${created['UUID'] as string}`;
  const current = (await client.call('GET', path)).json as Record<string, unknown>;
  return { client, path, current };
}

describe('UpdateEventSourceMapping', () => {
  test('Enabled false answers 202 Disabling, then Get shows Disabled; Enabled true goes Enabling then Enabled', async () => {
    const { client, path, current } = await settled();
    const disabling = await client.call('PUT', path, { body: { Enabled: false } });
    assert.deepEqual(disabling, { status: 202, json: { ...current, State: 'Disabling' } });
    await client.registry.whenSettled();
    assert.equal(((await client.call('GET', path)).json as Record<string, unknown>)['State'], 'Disabled');
    const enabling = await client.call('PUT', path, { body: { Enabled: true } });
    assert.equal((enabling.json as Record<string, unknown>)['State'], 'Enabling');
    await client.registry.whenSettled();
    assert.equal(((await client.call('GET', path)).json as Record<string, unknown>)['State'], 'Enabled');
  });

  test('other members answer 202 Updating with only those members changed', async () => {
    const { client, path, current } = await settled();
    client.clock.advance(2000);
    const reply = await client.call('PUT', path, { body: { BatchSize: 10, MaximumRetryAttempts: 3, BisectBatchOnFunctionError: true } });
    assert.deepEqual(reply, {
      status: 202,
      json: { ...current, BatchSize: 10, MaximumRetryAttempts: 3, BisectBatchOnFunctionError: true, State: 'Updating', LastModified: 1700000002.123 },
    });
  });

  test("FilterCriteria {} removes the filters and DestinationConfig {\"OnFailure\":{}} the destination", async () => {
    const { client, path } = await settled();
    const reply = await client.call('PUT', path, { body: { FilterCriteria: {}, DestinationConfig: { OnFailure: {} } } });
    const body = reply.json as Record<string, unknown>;
    assert.equal('FilterCriteria' in body, false);
    assert.deepEqual(body['DestinationConfig'], { OnFailure: {} });
  });

  test('FunctionName can change to another function; StartingPosition is not an update member and is ignored', async () => {
    const { client, path, current } = await settled();
    const reply = await client.call('PUT', path, { body: { FunctionName: 'other-fn', StartingPosition: 'LATEST' } });
    const body = reply.json as Record<string, unknown>;
    assert.equal(body['FunctionArn'], FUNCTION_ARN.replace('my-fn', 'other-fn'));
    assert.equal(body['StartingPosition'], current['StartingPosition']);
  });

  test('answers 400 ResourceInUseException while a previous update is in progress', async () => {
    const { client, path } = await settled();
    client.runner.hold = true;
    await client.call('PUT', path, { body: { BatchSize: 10 } });
    const reply = await client.call('PUT', path, { body: { BatchSize: 20 } });
    assert.deepEqual(reply, {
      status: 400,
      errorType: 'ResourceInUseException',
      json: { Type: 'User', Message: 'Cannot update the event source mapping because it is in use.' },
    });
    client.runner.release();
    await client.registry.whenSettled();
  });

  test('is validated like Create: OnSuccess, record age, filters, unknown function', async () => {
    const { client, path } = await settled();
    const messages: unknown[] = [];
    for (const body of [
      { DestinationConfig: { OnSuccess: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` } } },
      { MaximumRecordAgeInSeconds: 59 },
      { FilterCriteria: { Filters: [{ Pattern: 'not json' }] } },
      { FunctionName: 'nope' },
    ]) {
      messages.push((await client.call('PUT', path, { body })).json);
    }
    assert.deepEqual(messages, [
      { Type: 'User', message: 'Unsupported DestinationConfig parameter for given event source mapping type.' },
      { Type: 'User', message: 'MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)' },
      { Type: 'User', message: 'Invalid filter pattern definition.' },
      { Type: 'User', message: 'Function does not exist' },
    ]);
  });

  test('answers 404 ResourceNotFoundException for an unknown UUID', async () => {
    const client = await esmClient();
    const reply = await client.call('PUT', `/2015-03-31/event-source-mappings/${MISSING}`, { body: { BatchSize: 1 } });
    assert.deepEqual(reply, {
      status: 404,
      errorType: 'ResourceNotFoundException',
      json: { Type: 'User', Message: 'The resource you requested does not exist.' },
    });
  });
});
