// Strict RFC 8259 JSON parser that returns numbers as JsonNumber (source text kept), so filter
// patterns can compare numbers by their JSON text. Objects have a null prototype; a duplicate key
// keeps its last value (as JSON.parse does).

import { JsonNumber } from './json-number.js';

/** Thrown for any text that is not exactly one JSON value (surrounded by optional whitespace). */
export class JsonSyntaxError extends Error {
  constructor(message: string, readonly position: number) {
    super(`${message} at position ${position}`);
    this.name = 'JsonSyntaxError';
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/** Parses `text`; throws JsonSyntaxError (or RangeError for absurd nesting) when it is not valid JSON. */
export function parseJsonKeepingNumbers(text: string): unknown {
  let pos = 0;

  const fail = (message: string): never => {
    throw new JsonSyntaxError(message, pos);
  };

  const skipWhitespace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) pos++;
      else return;
    }
  };

  const parseString = (): string => {
    pos++; // opening quote
    let out = '';
    let start = pos;
    for (;;) {
      if (pos >= text.length) fail('Unterminated string');
      const c = text.charCodeAt(pos);
      if (c === 0x22) {
        out += text.slice(start, pos);
        pos++;
        return out;
      }
      if (c < 0x20) fail('Control character in string');
      if (c !== 0x5c) {
        pos++;
        continue;
      }
      out += text.slice(start, pos);
      const escape = text[pos + 1];
      if (escape === 'u') {
        const hex = text.slice(pos + 2, pos + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('Bad unicode escape');
        out += String.fromCharCode(parseInt(hex, 16));
        pos += 6;
      } else {
        const decoded = escape === undefined ? undefined : ESCAPES[escape];
        if (decoded === undefined) fail('Bad escape');
        out += decoded;
        pos += 2;
      }
      start = pos;
    }
  };

  const parseLiteral = <T>(word: string, value: T): T => {
    if (!text.startsWith(word, pos)) fail('Unexpected token');
    pos += word.length;
    return value;
  };

  const parseValue = (): unknown => {
    skipWhitespace();
    const c = text[pos];
    switch (c) {
      case '{': {
        pos++;
        const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        skipWhitespace();
        if (text[pos] === '}') {
          pos++;
          return object;
        }
        for (;;) {
          skipWhitespace();
          if (text[pos] !== '"') fail('Expected a key');
          const key = parseString();
          skipWhitespace();
          if (text[pos] !== ':') fail("Expected ':'");
          pos++;
          object[key] = parseValue();
          skipWhitespace();
          if (text[pos] === ',') pos++;
          else if (text[pos] === '}') {
            pos++;
            return object;
          } else fail("Expected ',' or '}'");
        }
      }
      case '[': {
        pos++;
        const array: unknown[] = [];
        skipWhitespace();
        if (text[pos] === ']') {
          pos++;
          return array;
        }
        for (;;) {
          array.push(parseValue());
          skipWhitespace();
          if (text[pos] === ',') pos++;
          else if (text[pos] === ']') {
            pos++;
            return array;
          } else fail("Expected ',' or ']'");
        }
      }
      case '"':
        return parseString();
      case 't':
        return parseLiteral('true', true);
      case 'f':
        return parseLiteral('false', false);
      case 'n':
        return parseLiteral('null', null);
      default: {
        NUMBER.lastIndex = pos;
        const match = NUMBER.exec(text);
        if (match === null) return fail(c === undefined ? 'Unexpected end of JSON' : 'Unexpected token');
        pos += match[0].length;
        return new JsonNumber(match[0]);
      }
    }
  };

  const value = parseValue();
  skipWhitespace();
  if (pos !== text.length) fail('Unexpected data after JSON');
  return value;
}
