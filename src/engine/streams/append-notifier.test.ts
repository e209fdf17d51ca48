import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ShardNotFoundError, type ShardBounds } from '../../storage/record-log.js';
import { AppendNotifier } from './append-notifier.js';

function fakeLog(ends: Map<string, number>): { bounds(shard: string): ShardBounds } {
  return {
    bounds(shard) {
      const endOffset = ends.get(shard);
      if (endOffset === undefined) throw new ShardNotFoundError(shard);
      return { startOffset: 0, endOffset, lastTimestamp: undefined, sealed: false };
    },
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('AppendNotifier', () => {
  test('a wait resolves at once when the shard already holds a record at the offset', async () => {
    const notifier = new AppendNotifier(fakeLog(new Map([['s', 3]])));
    await notifier.waitForAppend('s', 2, new AbortController().signal);
    assert.equal(notifier.waiting, 0);
  });

  test('a wait resolves on the notify that makes the offset available, not before', async () => {
    const ends = new Map([['s', 3], ['t', 0]]);
    const notifier = new AppendNotifier(fakeLog(ends));
    let woken = false;
    const wait = notifier.waitForAppend('s', 3, new AbortController().signal).then(() => (woken = true));
    notifier.notify('s');
    ends.set('t', 10);
    notifier.notify('t');
    await tick();
    assert.equal(woken, false);
    assert.equal(notifier.waiting, 1);
    ends.set('s', 4);
    notifier.notify('s');
    await wait;
    assert.equal(notifier.waiting, 0);
  });

  test('an abort ends the wait and unregisters it', async () => {
    const notifier = new AppendNotifier(fakeLog(new Map([['s', 0]])));
    const controller = new AbortController();
    const wait = notifier.waitForAppend('s', 0, controller.signal);
    assert.equal(notifier.waiting, 1);
    controller.abort();
    await wait;
    assert.equal(notifier.waiting, 0);
  });

  test('a missing shard ends the wait so the caller can find out', async () => {
    const ends = new Map([['s', 0]]);
    const notifier = new AppendNotifier(fakeLog(ends));
    const wait = notifier.waitForAppend('s', 0, new AbortController().signal);
    ends.delete('s');
    notifier.notify('s');
    await wait;
  });

  test('waits beyond the bound are refused with a RangeError', async () => {
    const notifier = new AppendNotifier(fakeLog(new Map([['s', 0]])), 1);
    const controller = new AbortController();
    const first = notifier.waitForAppend('s', 0, controller.signal);
    await assert.rejects(notifier.waitForAppend('s', 0, controller.signal), RangeError);
    controller.abort();
    await first;
  });
});
