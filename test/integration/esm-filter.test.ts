// ESM.md §12.7 (§9): FilterCriteria. Two mappings on one stream each receive only their own records,
// unchanged, and echo the pattern string verbatim; records whose data is not JSON are dropped by a
// pattern with a data part and the checkpoint moves past them (removing the filter later does not
// bring them back).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler, recordText, type RecordedInvocation } from './support/esm-handler.js';

const STREAM = 'filter-stream';
/** Longer than the 1 s idle poll interval of ESM.md §3. */
const QUIET_MS = 2500;

let fx: EsmFixture;
let streamArn: string;

before(async () => {
  fx = await EsmFixture.start();
  streamArn = await fx.createStream(STREAM);
});

after(async () => {
  await fx?.close();
});

const datas = (invocations: readonly RecordedInvocation[]): string[] => invocations.flatMap((i) => i.event.Records.map((r) => r.kinesis.data));
const texts = (invocations: readonly RecordedInvocation[]): string[] => invocations.flatMap((i) => i.event.Records.map(recordText));

describe('event filtering', () => {
  test('two mappings with event_type patterns each receive only their own records, data unchanged', async () => {
    const fn1 = await fx.createFunction('filter-fn-1', recordingHandler('return null;'));
    const fn2 = await fx.createFunction('filter-fn-2', recordingHandler('return null;'));
    // Spacing kept on purpose: the echo must be the original string.
    const pattern1 = '{"data": {"event_type": ["function_1"]}}';
    const pattern2 = '{"data":{"event_type":["function_2"]}}';
    const uuids: string[] = [];
    for (const [fn, pattern] of [[fn1, pattern1], [fn2, pattern2]] as const) {
      const created = await fx.cli.json(
        'lambda', 'create-event-source-mapping',
        '--function-name', fn.name, '--event-source-arn', streamArn, '--starting-position', 'LATEST',
        '--filter-criteria', JSON.stringify({ Filters: [{ Pattern: pattern }] }),
      );
      assert.deepEqual(created!['FilterCriteria'], { Filters: [{ Pattern: pattern }] });
      uuids.push(String(created!['UUID']));
    }
    for (const uuid of uuids) {
      const got = await fx.waitForMappingState(uuid, 'Enabled');
      assert.equal(got.FilterCriteria?.Filters?.[0]?.Pattern, uuid === uuids[0] ? pattern1 : pattern2);
    }

    const payloads = [
      '{"event_type":"function_1","n":0}',
      '{"event_type": "function_2", "n": 1}',
      'not json at all',
      '{"event_type":"function_1","n":2.50}',
      '{"event_type":"function_2","n":3}',
      '{"event_type":"function_3","n":4}',
    ];
    await fx.put(STREAM, payloads.map((data) => ({ key: 'k', data })));
    const b64 = (s: string): string => Buffer.from(s).toString('base64');

    await fx.waitForInvocations(fn1, (all) => datas(all).length >= 2, 'function_1 records');
    await fx.waitForInvocations(fn2, (all) => datas(all).length >= 2, 'function_2 records');
    // A record after every one of the above, matching both, proves nothing else is on its way.
    await fx.put(STREAM, [{ key: 'k', data: '{"event_type":"function_1"}' }, { key: 'k', data: '{"event_type":"function_2"}' }]);
    await fx.waitForInvocations(fn1, (all) => datas(all).length >= 3, 'the function_1 sentinel');
    await fx.waitForInvocations(fn2, (all) => datas(all).length >= 3, 'the function_2 sentinel');

    assert.deepEqual(datas(fn1.invocations()), [payloads[0]!, payloads[3]!, '{"event_type":"function_1"}'].map(b64));
    assert.deepEqual(datas(fn2.invocations()), [payloads[1]!, payloads[4]!, '{"event_type":"function_2"}'].map(b64));
  });

  test('non-JSON records are dropped by a data filter and the checkpoint moves past them', async () => {
    await fx.createStream('filter-json-stream');
    const fn = await fx.createFunction('filter-json-fn', recordingHandler('return null;'));
    const mapping = await fx.createMapping({
      FunctionName: fn.name,
      EventSourceArn: fx.streamArn('filter-json-stream'),
      StartingPosition: 'TRIM_HORIZON',
      FilterCriteria: { Filters: [{ Pattern: '{"data":{"kind":[{"exists":false}]}}' }] },
    });
    await fx.put('filter-json-stream', [
      { key: 'k', data: 'plain text' },
      { key: 'k', data: Buffer.from([0xff, 0xfe, 0x00]) },
      { key: 'k', data: '{"kind":"x"}' },
    ]);
    await sleep(QUIET_MS); // every record is filtered out: nothing to poll for
    assert.deepEqual(fn.invocations(), []);

    const updating = await fx.cli.json('lambda', 'update-event-source-mapping', '--uuid', mapping.UUID!, '--filter-criteria', '{}');
    assert.equal(updating!['FilterCriteria'], undefined);
    await fx.waitForMappingState(mapping.UUID!, 'Enabled');
    await fx.put('filter-json-stream', [{ key: 'k', data: 'after the update' }]);
    await fx.waitForInvocations(fn, (all) => all.length >= 1, 'the record put after the filter was removed');
    assert.deepEqual(texts(fn.invocations()), ['after the update']);
  });
});
