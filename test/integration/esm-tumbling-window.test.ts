// ESM.md §12.10 (§8): tumbling windows. The state returned by one invocation is passed to the next
// of the same window; a response without `state` is a failure and is retried; once the window has
// ended a final invocation carries the accumulated state; the next window starts with fresh state.
// Uses 2 s windows so the test waits at most a couple of seconds for a window to close.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler, recordText, type RecordedInvocation } from './support/esm-handler.js';

const STREAM = 'window-stream';
const SHARD = 'shardId-000000000000';
const WINDOW_SECONDS = 2;

let fx: EsmFixture;

before(async () => {
  fx = await EsmFixture.start();
});

after(async () => {
  await fx?.close();
});

/** The window holding an arrival time (epoch seconds), as ISO-8601 UTC seconds with Z. */
function windowOf(arrivalSeconds: number): { start: string; end: string } {
  const start = Math.floor(arrivalSeconds / WINDOW_SECONDS) * WINDOW_SECONDS;
  const iso = (seconds: number): string => new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
  return { start: iso(start), end: iso(start + WINDOW_SECONDS) };
}

/** What the test checks of each invocation: records, state in, final flag, and the window. */
const summary = (c: RecordedInvocation): unknown => ({
  records: c.event.Records.map(recordText),
  state: c.event['state'],
  final: c.event['isFinalInvokeForWindow'],
  window: c.event['window'],
});

describe('tumbling windows', () => {
  test('state threads through a window, a response without state is retried, the final invoke carries the state', async () => {
    const streamArn = await fx.createStream(STREAM);
    const fn = await fx.createFunction(
      'window-fn',
      recordingHandler(`
        const { existsSync, writeFileSync } = await import('node:fs');
        const marker = process.env.RECORD_FILE + '.answered-without-state';
        if (!existsSync(marker)) {
          writeFileSync(marker, '');
          return { note: 'no state in this response' };
        }
        const previous = event.state ?? {};
        return { state: { count: (previous.count ?? 0) + event.Records.length, seen: [...(previous.seen ?? []), ...event.Records.map(data)] } };
      `),
    );
    await fx.createMapping({
      FunctionName: fn.name,
      EventSourceArn: streamArn,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 1,
      TumblingWindowInSeconds: WINDOW_SECONDS,
    });
    await fx.put(STREAM, [{ key: 'k', data: 'w0' }, { key: 'k', data: 'w1' }, { key: 'k', data: 'w2' }]);

    const first = await fx.waitForInvocations(fn, (calls) => calls.some((c) => c.event['isFinalInvokeForWindow'] === true), 'the final invoke of the first window');
    const window = windowOf(first[0]!.event.Records[0]!.kinesis.approximateArrivalTimestamp);
    assert.deepEqual(first.map(summary), [
      { records: ['w0'], state: {}, final: false, window },
      { records: ['w0'], state: {}, final: false, window },
      { records: ['w1'], state: { count: 1, seen: ['w0'] }, final: false, window },
      { records: ['w2'], state: { count: 2, seen: ['w0', 'w1'] }, final: false, window },
      // ESM.md §13: the final invoke carries no records.
      { records: [], state: { count: 3, seen: ['w0', 'w1', 'w2'] }, final: true, window },
    ]);
    for (const call of first) {
      assert.deepEqual(Object.keys(call.event).sort(), ['Records', 'eventSourceARN', 'isFinalInvokeForWindow', 'isWindowTerminatedEarly', 'shardId', 'state', 'window']);
      assert.equal(call.event['shardId'], SHARD);
      assert.equal(call.event['eventSourceARN'], streamArn);
      assert.equal(call.event['isWindowTerminatedEarly'], false);
    }
    assert.ok(first[4]!.start >= Date.parse(window.end), 'the final invoke came after the window ended');

    await fx.put(STREAM, [{ key: 'k', data: 'w3' }]);
    const all = await fx.waitForInvocations(fn, (calls) => calls.filter((c) => c.event['isFinalInvokeForWindow'] === true).length >= 2, 'the final invoke of the next window');
    const nextWindow = windowOf(all[5]!.event.Records[0]!.kinesis.approximateArrivalTimestamp);
    assert.notDeepEqual(nextWindow, window);
    assert.deepEqual(all.slice(5).map(summary), [
      { records: ['w3'], state: {}, final: false, window: nextWindow },
      { records: [], state: { count: 1, seen: ['w3'] }, final: true, window: nextWindow },
    ]);
  });
});
