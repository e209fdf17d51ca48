import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACCOUNT, esmClient, FUNCTION_ARN, OTHER_STREAM_ARN, REGION, STREAM_ARN } from './event-source-mapping-fixture.js';

const PATH = '/2015-03-31/event-source-mappings';
const required = { FunctionName: 'my-fn', EventSourceArn: STREAM_ARN, StartingPosition: 'LATEST' };

describe('ListEventSourceMappings', () => {
  test('answers 200 with every mapping, items shaped like Get, on both path spellings', async () => {
    const client = await esmClient();
    const a = await client.create(required);
    await client.registry.whenSettled();
    const got = (await client.call('GET', `${PATH}/${a['UUID'] as string}`)).json;
    assert.deepEqual(await client.call('GET', PATH), { status: 200, json: { EventSourceMappings: [got] } });
    assert.deepEqual(await client.call('GET', `${PATH}/`), { status: 200, json: { EventSourceMappings: [got] } });
  });

  test('filters by EventSourceArn and by FunctionName given as name or ARN', async () => {
    const client = await esmClient();
    const a = await client.create(required);
    const b = await client.create({ ...required, EventSourceArn: OTHER_STREAM_ARN });
    const c = await client.create({ ...required, FunctionName: 'other-fn' });
    const uuids = async (query: Record<string, string>) =>
      ((await client.call('GET', PATH, { query })).json as { EventSourceMappings: { UUID: string }[] }).EventSourceMappings.map((m) => m.UUID).sort();
    assert.deepEqual(await uuids({ EventSourceArn: STREAM_ARN }), [a['UUID'], c['UUID']].sort());
    assert.deepEqual(await uuids({ FunctionName: 'my-fn' }), [a['UUID'], b['UUID']].sort());
    assert.deepEqual(await uuids({ FunctionName: FUNCTION_ARN, EventSourceArn: OTHER_STREAM_ARN }), [b['UUID']]);
    assert.deepEqual(await uuids({ FunctionName: `arn:aws:lambda:${REGION}:${ACCOUNT}:function:other-fn` }), [c['UUID']]);
  });

  test('pages with MaxItems and Marker/NextMarker', async () => {
    const client = await esmClient();
    for (let i = 0; i < 5; i++) {
      const arn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/p-${i}`;
      client.streams.arns.add(arn);
      await client.create({ ...required, EventSourceArn: arn });
    }
    const seen: string[] = [];
    let marker: string | undefined;
    let pages = 0;
    do {
      const query: Record<string, string> = { MaxItems: '2', ...(marker !== undefined ? { Marker: marker } : {}) };
      const body = (await client.call('GET', PATH, { query })).json as { EventSourceMappings: { UUID: string }[]; NextMarker?: string };
      seen.push(...body.EventSourceMappings.map((m) => m.UUID));
      marker = body.NextMarker;
      pages++;
    } while (marker !== undefined);
    assert.equal(pages, 3);
    assert.deepEqual(seen, client.registry.list().mappings.map((m) => m.uuid));
    assert.equal(new Set(seen).size, 5);
  });

  test('answers 400 ValidationException for MaxItems 0', async () => {
    const client = await esmClient();
    const reply = await client.call('GET', PATH, { query: { MaxItems: '0' } });
    assert.deepEqual(reply, {
      status: 400,
      errorType: 'ValidationException',
      json: { message: "1 validation error detected: Value '0' at 'maxItems' failed to satisfy constraint: Member must have value greater than or equal to 1" },
    });
  });
});
