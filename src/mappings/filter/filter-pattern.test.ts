import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { compileFilterPattern, FilterPatternError } from './filter-pattern.js';
import { parseJsonKeepingNumbers } from './parse-json-keeping-numbers.js';

/** Whether `pattern` (an object, serialised here, or a raw string) matches the JSON text `doc`. */
function matches(pattern: object | string, doc: string): boolean {
  const text = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  return compileFilterPattern(text).matches(parseJsonKeepingNumbers(doc));
}

/** Asserts the verdict for each document. */
function check(pattern: object | string, cases: Readonly<Record<string, boolean>>): void {
  for (const [doc, expected] of Object.entries(cases)) {
    assert.equal(matches(pattern, doc), expected, `${typeof pattern === 'string' ? pattern : JSON.stringify(pattern)} on ${doc}`);
  }
}

describe('filter pattern equality', () => {
  test('strings match exactly and case-sensitively; any listed value matches', () => {
    check({ k: ['a', 'b'] }, { '{"k":"a"}': true, '{"k":"b"}': true, '{"k":"A"}': false, '{"k":"ab"}': false, '{"j":"a"}': false, '{}': false });
  });

  test('numbers compare by their JSON text', () => {
    check('{"k":[300]}', { '{"k":300}': true, '{"k":300.0}': false, '{"k":3.0e2}': false, '{"k":"300"}': false, '{"k":301}': false });
    check('{"k":[300.0]}', { '{"k":300.0}': true, '{"k":300}': false });
    check('{"k":[3.0e2]}', { '{"k":3.0e2}': true, '{"k":300}': false, '{"k":3.0E2}': false });
    check('{"k":[-1]}', { '{"k":-1}': true, '{"k":-1.0}': false });
  });

  test('a string never equals a number', () => {
    check({ k: ['300'] }, { '{"k":"300"}': true, '{"k":300}': false });
  });

  test('booleans', () => {
    check({ k: [true] }, { '{"k":true}': true, '{"k":false}': false, '{"k":"true"}': false, '{"k":1}': false });
    check({ k: [false] }, { '{"k":false}': true, '{"k":null}': false, '{}': false });
  });

  test('null matches a present null only', () => {
    check({ k: [null] }, { '{"k":null}': true, '{}': false, '{"k":"null"}': false, '{"k":""}': false, '{"k":0}': false });
  });

  test('empty string matches an empty string only', () => {
    check({ k: [''] }, { '{"k":""}': true, '{}': false, '{"k":null}': false, '{"k":" "}': false });
  });

  test('nested objects descend into the document; all fields must match', () => {
    const pattern = { data: { a: { b: ['x'] }, c: [1] } };
    check(pattern, {
      '{"data":{"a":{"b":"x"},"c":1}}': true,
      '{"data":{"a":{"b":"x"},"c":2}}': false,
      '{"data":{"a":{"b":"y"},"c":1}}': false,
      '{"data":{"a":"x","c":1}}': false,
      '{"data":{"c":1}}': false,
      '{"a":{"b":"x"},"c":1}': false,
    });
  });

  test('array values match when any element matches, at any depth', () => {
    check({ k: ['b'] }, { '{"k":["a","b"]}': true, '{"k":["a","c"]}': false, '{"k":[["a"],["b"]]}': true, '{"k":[]}': false });
    check({ a: { b: [2] } }, { '{"a":[{"b":1},{"b":2}]}': true, '{"a":[{"b":1},{"c":2}]}': false, '{"a":[[{"b":[5,2]}]]}': true });
  });

  test('an object at the end of the path is not a leaf value', () => {
    check({ k: ['x'] }, { '{"k":{"x":1}}': false });
  });

  test('plain JS documents work, numbers by their shortest JSON text', () => {
    const pattern = compileFilterPattern('{"n":[300],"s":["a"]}');
    assert.equal(pattern.matches({ n: 300, s: 'a' }), true);
    assert.equal(pattern.matches({ n: 300.5, s: 'a' }), false);
    assert.equal(pattern.matches(null), false);
    assert.equal(pattern.matches('text'), false);
  });

  test('a duplicate key in the pattern keeps its last value', () => {
    check('{"k":["first"],"k":["last"]}', { '{"k":"last"}': true, '{"k":"first"}': false });
  });

  test('an empty pattern matches every document', () => {
    check({}, { '{}': true, '{"a":1}': true, '"text"': true });
  });
});

describe('filter pattern exists', () => {
  test('exists true matches present leaves, including null', () => {
    check({ k: [{ exists: true }] }, {
      '{"k":"a"}': true,
      '{"k":null}': true,
      '{"k":0}': true,
      '{"k":[1]}': true,
      '{"k":[]}': false,
      '{"k":{"x":1}}': false,
      '{}': false,
    });
  });

  test('exists false matches absent fields only', () => {
    check({ k: [{ exists: false }] }, {
      '{}': true,
      '{"j":1}': true,
      '{"k":[]}': true,
      '{"k":{"x":1}}': true,
      '{"k":null}': false,
      '{"k":"a"}': false,
    });
  });

  test('exists false can be combined with a value in one leaf array', () => {
    check({ k: ['a', { exists: false }] }, { '{}': true, '{"k":"a"}': true, '{"k":"b"}': false });
  });

  test('nested exists', () => {
    check({ data: { a: { b: [{ exists: true }] } } }, { '{"data":{"a":{"b":1}}}': true, '{"data":{"a":{}}}': false, '{"data":{}}': false });
  });

  test('a missing field matches nothing but exists false', () => {
    for (const leaf of ['a', 1, null, '', { prefix: '' }, { suffix: 'x' }, { 'anything-but': 'x' }, { numeric: ['>', 0] }, { 'equals-ignore-case': 'a' }, { exists: true }]) {
      assert.equal(matches({ k: [leaf] }, '{}'), false, JSON.stringify(leaf));
    }
  });
});

describe('filter pattern anything-but', () => {
  test('single string', () => {
    check({ k: [{ 'anything-but': 'x' }] }, { '{"k":"y"}': true, '{"k":"x"}': false, '{"k":"X"}': true, '{"k":5}': true, '{"k":null}': true, '{}': false });
  });

  test('list of strings', () => {
    check({ k: [{ 'anything-but': ['x', 'y'] }] }, { '{"k":"z"}': true, '{"k":"x"}': false, '{"k":"y"}': false, '{"k":["x","z"]}': true, '{"k":["x","y"]}': false });
  });

  test('numbers, compared by JSON text', () => {
    check('{"k":[{"anything-but":[300, 5]}]}', { '{"k":300}': false, '{"k":5}': false, '{"k":300.0}': true, '{"k":"300"}': true, '{"k":6}': true });
    check('{"k":[{"anything-but":7}]}', { '{"k":7}': false, '{"k":8}': true });
  });

  test('prefix', () => {
    check({ k: [{ 'anything-but': { prefix: 'us-' } }] }, { '{"k":"eu-west"}': true, '{"k":"us-east"}': false, '{"k":"US-east"}': true, '{"k":3}': true, '{}': false });
    check({ k: [{ 'anything-but': { prefix: ['a', 'b'] } }] }, { '{"k":"ax"}': false, '{"k":"bx"}': false, '{"k":"cx"}': true });
  });

  test('suffix', () => {
    check({ k: [{ 'anything-but': { suffix: '.png' } }] }, { '{"k":"a.jpg"}': true, '{"k":"a.png"}': false });
  });

  test('equals-ignore-case', () => {
    check({ k: [{ 'anything-but': { 'equals-ignore-case': ['ABC', 'def'] } }] }, { '{"k":"abc"}': false, '{"k":"DEF"}': false, '{"k":"ghi"}': true });
  });
});

describe('filter pattern numeric', () => {
  const cases: readonly [unknown[], Record<string, boolean>][] = [
    [['=', 300], { '300': true, '300.0': true, '3e2': true, '301': false, '"300"': false }],
    [['>', 10], { '10': false, '10.5': true, '11': true, '-11': false }],
    [['>=', 10], { '10': true, '9.99': false }],
    [['<', 10], { '10': false, '9': true, '-1e9': true }],
    [['<=', 10], { '10': true, '10.01': false }],
    [['>', 10, '<=', 20], { '10': false, '15': true, '20': true, '20.5': false }],
    [['>=', 0, '<', 1], { '0': true, '0.999': true, '1': false, '-0.1': false }],
  ];
  for (const [operands, docs] of cases) {
    test(`numeric ${JSON.stringify(operands)}`, () => {
      const verdicts: Record<string, boolean> = {};
      for (const [value, expected] of Object.entries(docs)) verdicts[`{"k":${value}}`] = expected;
      verdicts['{}'] = false;
      verdicts['{"k":null}'] = false;
      check({ k: [{ numeric: operands }] }, verdicts);
    });
  }

  test('numeric matches any element of an array', () => {
    check({ k: [{ numeric: ['>', 5] }] }, { '{"k":[1,6]}': true, '{"k":[1,2]}': false });
  });
});

describe('filter pattern string operators', () => {
  test('prefix', () => {
    check({ k: [{ prefix: 'us-' }] }, { '{"k":"us-east-1"}': true, '{"k":"us-"}': true, '{"k":"eu-us-"}': false, '{"k":"US-east"}': false, '{"k":5}': false });
    check({ k: [{ prefix: '' }] }, { '{"k":"anything"}': true, '{"k":""}': true, '{"k":1}': false });
  });

  test('prefix with equals-ignore-case', () => {
    check({ k: [{ prefix: { 'equals-ignore-case': 'US-' } }] }, { '{"k":"us-east"}': true, '{"k":"Us-x"}': true, '{"k":"eu"}': false });
  });

  test('suffix', () => {
    check({ k: [{ suffix: '.png' }] }, { '{"k":"a.png"}': true, '{"k":"a.PNG"}': false, '{"k":"a.png.jpg"}': false, '{"k":true}': false });
    check({ k: [{ suffix: { 'equals-ignore-case': '.PNG' } }] }, { '{"k":"a.png"}': true, '{"k":"a.jpg"}': false });
  });

  test('equals-ignore-case', () => {
    check({ k: [{ 'equals-ignore-case': 'AbC' }] }, { '{"k":"abc"}': true, '{"k":"ABC"}': true, '{"k":"abcd"}': false, '{"k":null}': false });
  });
});

describe('filter pattern $or', () => {
  test('top-level $or: any branch, ANDed with the other fields', () => {
    const pattern = { kind: ['x'], $or: [{ a: [1] }, { b: [{ exists: true }] }] };
    check(pattern, {
      '{"kind":"x","a":1}': true,
      '{"kind":"x","b":null}': true,
      '{"kind":"x","a":2}': false,
      '{"kind":"y","a":1}': false,
    });
  });

  test('nested $or keeps the path prefix', () => {
    check({ data: { $or: [{ a: ['1'] }, { b: { c: ['2'] } }] } }, {
      '{"data":{"a":"1"}}': true,
      '{"data":{"b":{"c":"2"}}}': true,
      '{"data":{"c":"2"}}': false,
      '{"a":"1"}': false,
    });
  });

  test('two $or groups at different levels must both hold', () => {
    const pattern = { $or: [{ a: [1] }, { b: [1] }], d: { $or: [{ x: [1] }, { y: [1] }] } };
    check(pattern, { '{"a":1,"d":{"y":1}}': true, '{"a":1,"d":{"z":1}}': false, '{"c":1,"d":{"x":1}}': false });
  });
});

describe('compileFilterPattern referencesData', () => {
  test('is true for a top-level data part, also inside a top-level $or', () => {
    assert.equal(compileFilterPattern('{"data":{"a":[1]}}').referencesData, true);
    assert.equal(compileFilterPattern('{"$or":[{"data":{"a":[1]}},{"partitionKey":["p"]}]}').referencesData, true);
    assert.equal(compileFilterPattern('{"data":{}}').referencesData, true);
    assert.equal(compileFilterPattern('{"partitionKey":["p"]}').referencesData, false);
    assert.equal(compileFilterPattern('{"x":{"data":{"a":[1]}}}').referencesData, false);
  });
});

describe('invalid filter patterns', () => {
  const invalid: readonly string[] = [
    '',
    'not json',
    '{"data":',
    '[]',
    '"text"',
    '5',
    'null',
    '{"k":"a"}',
    '{"k":5}',
    '{"k":null}',
    '{"k":true}',
    '{"k":[]}',
    '{"k":[["a"]]}',
    '{"k":[{}]}',
    '{"k":[{"prefix":"a","suffix":"b"}]}',
    '{"k":[{"wildcard":"a*"}]}',
    '{"k":[{"cidr":"10.0.0.0/8"}]}',
    '{"k":[{"foo":1}]}',
    '{"k":[{"exists":"true"}]}',
    '{"k":[{"exists":1}]}',
    '{"k":[{"numeric":5}]}',
    '{"k":[{"numeric":[]}]}',
    '{"k":[{"numeric":[">"]}]}',
    '{"k":[{"numeric":[">","5"]}]}',
    '{"k":[{"numeric":["!=",5]}]}',
    '{"k":[{"numeric":[">",1,"<"]}]}',
    '{"k":[{"numeric":["<",1,">",2]}]}',
    '{"k":[{"numeric":[">",5,"<",1]}]}',
    '{"k":[{"numeric":[">",5,"<",5]}]}',
    '{"k":[{"numeric":["=",1,"<",2]}]}',
    '{"k":[{"numeric":[">",1,">",2]}]}',
    '{"k":[{"numeric":[">",1,"<",2,"<",3]}]}',
    '{"k":[{"prefix":5}]}',
    '{"k":[{"prefix":null}]}',
    '{"k":[{"prefix":{"foo":"a"}}]}',
    '{"k":[{"suffix":["a"]}]}',
    '{"k":[{"equals-ignore-case":5}]}',
    '{"k":[{"anything-but":[]}]}',
    '{"k":[{"anything-but":true}]}',
    '{"k":[{"anything-but":null}]}',
    '{"k":[{"anything-but":[true]}]}',
    '{"k":[{"anything-but":[{"prefix":"a"}]}]}',
    '{"k":[{"anything-but":{"foo":"a"}}]}',
    '{"k":[{"anything-but":{"prefix":""}}]}',
    '{"k":[{"anything-but":{"prefix":5}}]}',
    '{"k":[{"anything-but":{"prefix":[]}}]}',
    '{"k":[{"anything-but":{"numeric":[">",1]}}]}',
    '{"$or":{"a":[1]}}',
    '{"$or":[]}',
    '{"$or":[{"a":[1]},"b"]}',
    '{"$or":[{"a":[1]},{}]}',
    '{"data":["x"]}',
    '{"data":"x"}',
    '{"data":null}',
    '{"$or":[{"data":[1]},{"a":[1]}]}',
  ];
  for (const pattern of invalid) {
    test(`rejects ${JSON.stringify(pattern)}`, () => {
      assert.throws(() => compileFilterPattern(pattern), FilterPatternError);
    });
  }

  test('FilterPatternError says why', () => {
    assert.throws(() => compileFilterPattern('{"k":[{"foo":1}]}'), { name: 'FilterPatternError', message: 'Unrecognized match type foo' });
    assert.throws(() => compileFilterPattern('nope'), { message: 'Filter is not valid JSON' });
  });
});
