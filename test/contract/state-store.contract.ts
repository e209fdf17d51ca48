// The behavioural contract every StateStore backend must pass (SQLite now; JetStream KV or
// PostgreSQL later). A backend test file calls runStateStoreContract with a factory.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { VersionConflictError, type StateStore } from '../../src/storage/state-store.js';

export interface StateStoreFixture {
  /** A fresh, opened, empty store. */
  readonly store: StateStore;
  /**
   * Closes `store` and opens a new store over the same data; undefined when the backend keeps
   * nothing across instances (the reopen tests are then skipped, e.g. SQLite ':memory:').
   */
  readonly reopen?: () => Promise<StateStore>;
  /** Closes whatever is still open and removes the data. */
  dispose(): Promise<void>;
}

export function runStateStoreContract(name: string, factory: () => Promise<StateStoreFixture>): void {
  async function withStore(fn: (store: StateStore, fixture: StateStoreFixture) => Promise<void>): Promise<void> {
    const fixture = await factory();
    try {
      await fn(fixture.store, fixture);
    } finally {
      await fixture.dispose();
    }
  }

  describe(`StateStore contract: ${name}`, () => {
    test('get returns undefined for a missing key', () =>
      withStore(async (store) => {
        assert.equal(await store.get('streams', 'nope'), undefined);
      }));

    test('put creates an entry at version 1 and each put increments the version', () =>
      withStore(async (store) => {
        await store.commit([{ kind: 'put', collection: 'streams', key: 'a', value: { n: 1 } }]);
        assert.deepEqual(await store.get('streams', 'a'), { key: 'a', value: { n: 1 }, version: 1 });
        await store.commit([{ kind: 'put', collection: 'streams', key: 'a', value: { n: 2, s: 'x' } }]);
        assert.deepEqual(await store.get('streams', 'a'), { key: 'a', value: { n: 2, s: 'x' }, version: 2 });
      }));

    test('values round-trip as JSON documents (nested, arrays, strings, null)', () =>
      withStore(async (store) => {
        const value = { a: [1, 'two', null, { b: true }], big: '340282366920938463463374607431768211455', u: 'ü😀' };
        await store.commit([{ kind: 'put', collection: 'c', key: 'k', value }]);
        assert.deepEqual((await store.get('c', 'k'))?.value, value);
        await store.commit([{ kind: 'put', collection: 'c', key: 'n', value: 42 }]);
        assert.equal((await store.get('c', 'n'))?.value, 42);
      }));

    test('collections are separate namespaces', () =>
      withStore(async (store) => {
        await store.commit([
          { kind: 'put', collection: 'one', key: 'k', value: 1 },
          { kind: 'put', collection: 'two', key: 'k', value: 2 },
        ]);
        assert.equal((await store.get('one', 'k'))?.value, 1);
        assert.equal((await store.get('two', 'k'))?.value, 2);
        assert.deepEqual((await store.list('one')).map((e) => e.key), ['k']);
      }));

    test('delete removes an entry; deleting a missing key is a no-op', () =>
      withStore(async (store) => {
        await store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 1 }]);
        await store.commit([{ kind: 'delete', collection: 'c', key: 'k' }]);
        assert.equal(await store.get('c', 'k'), undefined);
        await store.commit([{ kind: 'delete', collection: 'c', key: 'k' }]);
        assert.equal(await store.get('c', 'k'), undefined);
      }));

    test('a key re-created after delete starts again at version 1', () =>
      withStore(async (store) => {
        await store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 1 }]);
        await store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 2 }]);
        await store.commit([{ kind: 'delete', collection: 'c', key: 'k' }]);
        await store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 3, expectedVersion: 0 }]);
        assert.deepEqual(await store.get('c', 'k'), { key: 'k', value: 3, version: 1 });
      }));

    test('expectedVersion 0 means "must not exist"', () =>
      withStore(async (store) => {
        await store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 1, expectedVersion: 0 }]);
        await assert.rejects(
          store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 2, expectedVersion: 0 }]),
          (err: unknown) => err instanceof VersionConflictError && err.collection === 'c' && err.key === 'k',
        );
        assert.deepEqual(await store.get('c', 'k'), { key: 'k', value: 1, version: 1 });
      }));

    test('expectedVersion n must equal the current version for put and delete', () =>
      withStore(async (store) => {
        await store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 1 }]);
        await store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 2, expectedVersion: 1 }]);
        await assert.rejects(
          store.commit([{ kind: 'put', collection: 'c', key: 'k', value: 3, expectedVersion: 1 }]),
          VersionConflictError,
        );
        await assert.rejects(store.commit([{ kind: 'delete', collection: 'c', key: 'k', expectedVersion: 1 }]), VersionConflictError);
        await assert.rejects(store.commit([{ kind: 'put', collection: 'c', key: 'new', value: 1, expectedVersion: 3 }]), VersionConflictError);
        await store.commit([{ kind: 'delete', collection: 'c', key: 'k', expectedVersion: 2 }]);
        assert.equal(await store.get('c', 'k'), undefined);
      }));

    test('a commit applies all its ops or none', () =>
      withStore(async (store) => {
        await store.commit([{ kind: 'put', collection: 'c', key: 'b', value: 'b1' }]);
        await assert.rejects(
          store.commit([
            { kind: 'put', collection: 'c', key: 'a', value: 'a1' },
            { kind: 'delete', collection: 'c', key: 'b' },
            { kind: 'put', collection: 'c', key: 'b', value: 'b2', expectedVersion: 7 },
          ]),
          VersionConflictError,
        );
        assert.equal(await store.get('c', 'a'), undefined);
        assert.deepEqual(await store.get('c', 'b'), { key: 'b', value: 'b1', version: 1 });
        await store.commit([
          { kind: 'put', collection: 'c', key: 'a', value: 'a1' },
          { kind: 'put', collection: 'd', key: 'b', value: 'x' },
          { kind: 'delete', collection: 'c', key: 'b', expectedVersion: 1 },
        ]);
        assert.deepEqual((await store.list('c')).map((e) => e.key), ['a']);
        assert.deepEqual((await store.list('d')).map((e) => e.value), ['x']);
      }));

    test('ops of one commit see the effects of the ops before them', () =>
      withStore(async (store) => {
        await store.commit([
          { kind: 'put', collection: 'c', key: 'k', value: 1, expectedVersion: 0 },
          { kind: 'put', collection: 'c', key: 'k', value: 2, expectedVersion: 1 },
        ]);
        assert.deepEqual(await store.get('c', 'k'), { key: 'k', value: 2, version: 2 });
      }));

    test('an empty commit succeeds', () =>
      withStore(async (store) => {
        await store.commit([]);
      }));

    test('list returns entries in ascending binary key order with values and versions', () =>
      withStore(async (store) => {
        await store.commit(['b', 'a', 'B', 'a-1', 'ab', 'c'].map((key) => ({ kind: 'put' as const, collection: 's', key, value: key })));
        await store.commit([{ kind: 'put', collection: 's', key: 'c', value: 'c2' }]);
        const entries = await store.list<string>('s');
        assert.deepEqual(entries.map((e) => e.key), ['B', 'a', 'a-1', 'ab', 'b', 'c']);
        assert.deepEqual(entries.at(-1), { key: 'c', value: 'c2', version: 2 });
        assert.deepEqual(await store.list('empty'), []);
      }));

    test('list filters by prefix, pages with startAfter and stops at limit', () =>
      withStore(async (store) => {
        const keys = ['acct/1', 'acct/2', 'acct/3', 'acct0', 'accs', 'b/1'];
        await store.commit(keys.map((key) => ({ kind: 'put' as const, collection: 's', key, value: 1 })));
        const names = async (options: Parameters<StateStore['list']>[1]) => (await store.list('s', options)).map((e) => e.key);
        assert.deepEqual(await names({ prefix: 'acct/' }), ['acct/1', 'acct/2', 'acct/3']);
        assert.deepEqual(await names({ prefix: 'acct/', limit: 2 }), ['acct/1', 'acct/2']);
        assert.deepEqual(await names({ prefix: 'acct/', startAfter: 'acct/2' }), ['acct/3']);
        assert.deepEqual(await names({ prefix: 'acct/', startAfter: 'a' }), ['acct/1', 'acct/2', 'acct/3']);
        assert.deepEqual(await names({ prefix: 'acct/', startAfter: 'z' }), []);
        assert.deepEqual(await names({ startAfter: 'acct0', limit: 1 }), ['b/1']);
        assert.deepEqual(await names({ startAfter: 'acct/1', limit: 2 }), ['acct/2', 'acct/3']);
        assert.deepEqual(await names({ limit: 0 }), []);
        assert.deepEqual(await names({ prefix: 'zzz' }), []);
      }));

    test('list after a partial page can be called again (no statement left busy)', () =>
      withStore(async (store) => {
        await store.commit(['a', 'b', 'c'].map((key) => ({ kind: 'put' as const, collection: 's', key, value: 1 })));
        assert.equal((await store.list('s', { limit: 1 })).length, 1);
        assert.equal((await store.list('s', { limit: 1 })).length, 1);
        await store.commit([{ kind: 'put', collection: 's', key: 'd', value: 1 }]);
        assert.equal((await store.list('s')).length, 4);
      }));

    test('a reopened store keeps every committed entry and version', async (t) => {
      const fixture = await factory();
      try {
        if (!fixture.reopen) {
          t.skip('backend keeps no data across instances');
          return;
        }
        await fixture.store.commit([
          { kind: 'put', collection: 'streams', key: 'a', value: { id: 'x' } },
          { kind: 'put', collection: 'streams', key: 'b', value: { id: 'y' } },
        ]);
        await fixture.store.commit([{ kind: 'put', collection: 'streams', key: 'a', value: { id: 'x2' } }]);
        await fixture.store.commit([{ kind: 'delete', collection: 'streams', key: 'b' }]);
        const reopened = await fixture.reopen();
        assert.deepEqual(await reopened.list('streams'), [{ key: 'a', value: { id: 'x2' }, version: 2 }]);
        await reopened.commit([{ kind: 'put', collection: 'streams', key: 'a', value: { id: 'x3' }, expectedVersion: 2 }]);
        assert.equal((await reopened.get('streams', 'a'))?.version, 3);
      } finally {
        await fixture.dispose();
      }
    });
  });
}
