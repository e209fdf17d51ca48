import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TagError } from './stream-errors.js';
import { addTags, removeTags } from './stream-tags.js';

const violation = (v: string) => (e: unknown) => e instanceof TagError && e.violation === v;

test('addTags merges and overwrites; removeTags ignores absent keys', () => {
  assert.deepEqual(addTags({ a: '1' }, { a: '2', b: '' }, 's', 'acct'), { a: '2', b: '' });
  assert.deepEqual(removeTags({ a: '1', b: '2' }, ['a', 'zz'], 's', 'acct'), { b: '2' });
});

test('letters of any script, digits, spaces and _ . / = + - @ : are allowed', () => {
  assert.deepEqual(addTags({}, { 'ü0 _.': 'Ω', '/=+-@:': 'x' }, 's', 'acct'), { 'ü0 _.': 'Ω', '/=+-@:': 'x' });
});

test('tabs, newlines, commas and semicolons are invalid; % gets its own refusal', () => {
  for (const bad of ['a\tb', 'a\nb', 'a,b', 'a;b']) {
    assert.throws(() => addTags({}, { k: bad }, 's', 'acct'), violation('invalidCharacters'));
    assert.throws(() => removeTags({}, [bad], 's', 'acct'), violation('invalidCharacters'));
  }
  assert.throws(() => addTags({}, { '50%': 'v' }, 's', 'acct'), violation('percentSign'));
});

test('a stream holds at most 50 tags', () => {
  const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
  assert.equal(Object.keys(addTags({}, fifty, 's', 'acct')).length, 50);
  assert.throws(() => addTags(fifty, { extra: 'v' }, 's', 'acct'), violation('tooMany'));
});
