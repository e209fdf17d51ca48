import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewMapping } from './mapping-registry.js';
import { MappingConflictError, MappingRequestError } from './mapping-registry-errors.js';
import { FUNCTION_ARN, openRegistry, STREAM_ARN, OTHER_STREAM_ARN, ACCOUNT, REGION } from './mapping-registry.test-support.js';

const base: NewMapping = {
  functionName: 'my-fn',
  eventSourceArn: STREAM_ARN,
  startingPosition: 'TRIM_HORIZON',
  batchSize: 50,
  maximumRetryAttempts: 3,
  bisectBatchOnFunctionError: true,
  destinationConfig: { onFailureDestination: `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`, onSuccessGiven: false },
  filterPatterns: ['{"data":{"a":["x"]}}'],
  functionResponseTypes: ['ReportBatchItemFailures'],
  echoed: { MetricsConfig: { Metrics: ['EventCount'] } },
};

async function settledMapping() {
  const fixture = await openRegistry();
  const created = await fixture.registry.create(base);
  await fixture.registry.whenSettled();
  return { ...fixture, created: fixture.registry.get(created.uuid) };
}

describe('MappingRegistry update', () => {
  test('only the members present change; StartingPosition and the source stay', async () => {
    const { registry, created, clock } = await settledMapping();
    clock.advance(1000);
    const updated = await registry.update(created.uuid, { batchSize: 10, parallelizationFactor: 2 });
    assert.deepEqual(updated, { ...created, batchSize: 10, parallelizationFactor: 2, state: 'Updating', lastModified: created.lastModified + 1000 });
  });

  test('DestinationConfig without a destination and FilterCriteria {} remove them', async () => {
    const { registry, created } = await settledMapping();
    const updated = await registry.update(created.uuid, { destinationConfig: { onSuccessGiven: false }, filterPatterns: [] });
    assert.equal('onFailureDestination' in updated, false);
    assert.deepEqual(updated.filterPatterns, []);
    await registry.whenSettled();
    const again = await registry.update(created.uuid, { destinationConfig: { onFailureDestination: 'arn:aws:s3:::bucket', onSuccessGiven: false } });
    assert.equal(again.onFailureDestination, 'arn:aws:s3:::bucket');
  });

  test('FunctionResponseTypes [] turns partial batch responses off; echoed members merge by key', async () => {
    const { registry, created } = await settledMapping();
    const updated = await registry.update(created.uuid, { functionResponseTypes: [], echoed: { ScalingConfig: { MaximumConcurrency: 2 } } });
    assert.equal(updated.reportBatchItemFailures, false);
    assert.deepEqual(updated.echoed, { MetricsConfig: { Metrics: ['EventCount'] }, ScalingConfig: { MaximumConcurrency: 2 } });
  });

  test('FunctionName can change; to a qualified name the ARN is qualified, back to plain it is not', async () => {
    const { registry, created } = await settledMapping();
    const other = await registry.update(created.uuid, { functionName: 'other-fn:$LATEST' });
    assert.deepEqual([other.functionName, other.qualifier, other.functionArn], ['other-fn', '$LATEST', `arn:aws:lambda:${REGION}:${ACCOUNT}:function:other-fn:$LATEST`]);
    await registry.whenSettled();
    const back = await registry.update(created.uuid, { functionName: 'my-fn' });
    assert.deepEqual([back.functionName, 'qualifier' in back, back.functionArn], ['my-fn', false, FUNCTION_ARN]);
  });

  test('changing the function onto a pair that is already mapped conflicts', async () => {
    const { registry, created } = await settledMapping();
    const second = await registry.create({ ...base, functionName: 'other-fn' });
    await registry.whenSettled();
    await assert.rejects(registry.update(created.uuid, { functionName: 'other-fn' }), (err) => {
      assert.ok(err instanceof MappingConflictError);
      assert.equal(err.existingUuid, second.uuid);
      return true;
    });
    assert.equal((await registry.update(created.uuid, { functionName: FUNCTION_ARN })).functionArn, FUNCTION_ARN);
  });

  test('updates are validated like creates: OnSuccess, ranges, record age, filters, function', async () => {
    const { registry, created } = await settledMapping();
    const kinds: string[] = [];
    for (const changes of [
      { destinationConfig: { onSuccessGiven: true } },
      { batchSize: 0 },
      { maximumRecordAgeInSeconds: 30 },
      { filterPatterns: ['nope'] },
      { functionName: 'missing' },
    ]) {
      await assert.rejects(registry.update(created.uuid, changes), (err) => {
        assert.ok(err instanceof MappingRequestError);
        kinds.push(err.problem.kind);
        return true;
      });
    }
    assert.deepEqual(kinds, ['onSuccessUnsupported', 'violations', 'maximumRecordAge', 'invalidFilterPattern', 'functionNotFound']);
    assert.deepEqual(registry.get(created.uuid), created);
  });
});

describe('MappingRegistry list', () => {
  test('filters by exact EventSourceArn and by function name, ARN, partial ARN or qualified name', async () => {
    const { registry } = await openRegistry();
    const a = await registry.create({ ...base });
    const b = await registry.create({ ...base, eventSourceArn: OTHER_STREAM_ARN });
    const c = await registry.create({ ...base, functionName: 'other-fn' });
    const d = await registry.create({ ...base, eventSourceArn: OTHER_STREAM_ARN, functionName: 'my-fn:$LATEST' });
    const uuids = (query: Parameters<typeof registry.list>[0]) => registry.list(query).mappings.map((m) => m.uuid).sort();
    assert.deepEqual(uuids({}), [a, b, c, d].map((m) => m.uuid).sort());
    assert.deepEqual(uuids({ eventSourceArn: STREAM_ARN }), [a.uuid, c.uuid].sort());
    assert.deepEqual(uuids({ functionName: 'my-fn' }), [a.uuid, b.uuid, d.uuid].sort());
    assert.deepEqual(uuids({ functionName: FUNCTION_ARN }), [a.uuid, b.uuid, d.uuid].sort());
    assert.deepEqual(uuids({ functionName: `${ACCOUNT}:function:other-fn` }), [c.uuid]);
    assert.deepEqual(uuids({ functionName: 'my-fn:$LATEST' }), [d.uuid]);
    assert.deepEqual(uuids({ functionName: 'my-fn', eventSourceArn: OTHER_STREAM_ARN }), [b.uuid, d.uuid].sort());
    assert.deepEqual(uuids({ functionName: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:my-fn` }), []);
    assert.deepEqual(uuids({ functionName: 'missing' }), []);
  });

  test('pages in UUID order: MaxItems per page (at most 100), NextMarker until the last page', async () => {
    const { registry, streams } = await openRegistry();
    const created: string[] = [];
    for (let i = 0; i < 103; i++) {
      const arn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/s-${i}`;
      streams.arns.add(arn);
      created.push((await registry.create({ ...base, eventSourceArn: arn })).uuid);
    }
    created.sort();
    const full = registry.list({ maxItems: 10_000 });
    assert.deepEqual(full.mappings.map((m) => m.uuid), created.slice(0, 100));
    assert.equal(full.nextMarker, created[99]);
    assert.deepEqual(registry.list({ marker: full.nextMarker! }), { mappings: created.slice(100).map((u) => registry.get(u)) });
    const seen: string[] = [];
    let marker: string | undefined;
    do {
      const page = registry.list({ maxItems: 40, ...(marker !== undefined ? { marker } : {}) });
      assert.ok(page.mappings.length <= 40);
      seen.push(...page.mappings.map((m) => m.uuid));
      marker = page.nextMarker;
    } while (marker !== undefined);
    assert.deepEqual(seen, created);
  });
});
