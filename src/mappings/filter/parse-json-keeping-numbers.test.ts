import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { JsonNumber } from './json-number.js';
import { JsonSyntaxError, parseJsonKeepingNumbers } from './parse-json-keeping-numbers.js';

describe('parseJsonKeepingNumbers', () => {
  test('keeps the source text of numbers', () => {
    const value = parseJsonKeepingNumbers('[300, 300.0, 3.0e2, -0, 1E+2, 12345678901234567890]') as JsonNumber[];
    assert.deepEqual(
      value.map((n) => n.text),
      ['300', '300.0', '3.0e2', '-0', '1E+2', '12345678901234567890'],
    );
    assert.equal(value[2]!.value, 300);
  });

  test('parses objects, arrays, strings with escapes, literals and whitespace', () => {
    const value = parseJsonKeepingNumbers(' {"a" : [true,false,null,"x\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"], "b":{}, "c":[]}\n');
    assert.deepEqual(JSON.parse(JSON.stringify(value)), { a: [true, false, null, 'x"\\/\b\f\n\r\té😀'], b: {}, c: [] });
  });

  test('a duplicate key keeps its last value', () => {
    const value = parseJsonKeepingNumbers('{"k":"first","k":"last"}') as Record<string, unknown>;
    assert.equal(value['k'], 'last');
  });

  test('a "__proto__" key is an ordinary own property', () => {
    const value = parseJsonKeepingNumbers('{"__proto__":"x"}') as Record<string, unknown>;
    assert.equal(Object.hasOwn(value, '__proto__'), true);
    assert.equal(value['__proto__'], 'x');
  });

  test('parses a top-level scalar', () => {
    assert.equal(parseJsonKeepingNumbers('"hello"'), 'hello');
    assert.equal((parseJsonKeepingNumbers(' 7 ') as JsonNumber).text, '7');
    assert.equal(parseJsonKeepingNumbers('null'), null);
  });

  for (const bad of [
    '',
    ' ',
    'hello',
    '{',
    '{"a":1,}',
    '[1,]',
    '[1 2]',
    '{"a" 1}',
    '{a:1}',
    "{'a':1}",
    '01',
    '1.',
    '.5',
    '+1',
    '-',
    '1e',
    'NaN',
    'Infinity',
    'tru',
    'nulls',
    '"unterminated',
    '"tab\there"',
    '"bad \\x escape"',
    '"\\u12G4"',
    '{} {}',
    '\uFEFF{}',
  ]) {
    test(`rejects ${JSON.stringify(bad)}`, () => {
      assert.throws(() => parseJsonKeepingNumbers(bad), JsonSyntaxError);
    });
  }
});
