// Redshift `CopyCommand.CopyOptions` as Tributary reads it (docs/decisions/0009): the text is split
// into COPY option tokens (single-quoted strings, double-quoted identifiers, words); one Tributary
// clause, `RECORD_ID <column> [FROM <json field>]`, makes the inserts idempotent; options that say
// records are not JSON (CSV, DELIMITER, FIXEDWIDTH, AVRO, ...) are refused, since records are always
// read as JSON 'auto'; every other Redshift option (GZIP, TIMEFORMAT, TRUNCATECOLUMNS, ...) is ignored.

import { invalidFirehoseArgument } from '../../errors/firehose-errors.js';

export interface CopyOptions {
  /** Column holding the record id (idempotent inserts), exact name. */
  readonly recordIdColumn?: string;
  /** Top-level JSON field the id comes from; absent: the stream/shard/sequence identity. */
  readonly recordIdField?: string;
}

interface Token {
  readonly text: string;
  /** 'word' (unquoted), 'identifier' ("..."), 'string' ('...'). */
  readonly kind: 'word' | 'identifier' | 'string';
}

const NOT_JSON = new Set(['CSV', 'DELIMITER', 'FIXEDWIDTH', 'AVRO', 'PARQUET', 'ORC', 'SHAPEFILE', 'REMOVEQUOTES', 'ESCAPE']);
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_$]*$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s|;|,/.test(c)) {
      i++;
      continue;
    }
    if (c === "'" || c === '"') {
      let value = '';
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw invalidFirehoseArgument(`CopyOptions has an unterminated ${c === "'" ? 'string' : 'quoted identifier'}.`);
        if (text[j] === c && text[j + 1] === c) {
          value += c;
          j += 2;
        } else if (text[j] === c) break;
        else value += text[j++];
      }
      tokens.push({ text: value, kind: c === "'" ? 'string' : 'identifier' });
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/[\s;,'"]/.test(text[j]!)) j++;
    tokens.push({ text: text.slice(i, j), kind: 'word' });
    i = j;
  }
  return tokens;
}

function nameAt(tokens: readonly Token[], index: number, what: string): string {
  const token = tokens[index];
  const ok = token !== undefined && ((token.kind === 'word' && BARE_NAME.test(token.text)) || (token.kind !== 'word' && token.text !== '' && !token.text.includes('\0')));
  if (!ok) throw invalidFirehoseArgument(`CopyOptions: RECORD_ID needs ${what}: RECORD_ID <column> [FROM <json field>].`);
  return token.text;
}

/** Parses CopyOptions; InvalidArgumentException naming the problem. */
export function parseCopyOptions(text: string | undefined): CopyOptions {
  const tokens = tokenize(text ?? '');
  let out: CopyOptions = {};
  let seenRecordId = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind !== 'word') continue;
    const word = token.text.toUpperCase();
    if (word === 'RECORD_ID') {
      if (seenRecordId) throw invalidFirehoseArgument('CopyOptions: RECORD_ID may be given only once.');
      seenRecordId = true;
      const column = nameAt(tokens, i + 1, 'a column name');
      i++;
      if (tokens[i + 1]?.kind === 'word' && tokens[i + 1]!.text.toUpperCase() === 'FROM') {
        out = { recordIdColumn: column, recordIdField: nameAt(tokens, i + 2, 'a JSON field name after FROM') };
        i += 2;
      } else out = { recordIdColumn: column };
    } else if (NOT_JSON.has(word)) {
      throw invalidFirehoseArgument(`CopyOptions: ${word} is not supported by Tributary; records are read as JSON 'auto'.`);
    } else if (word === 'JSON') {
      const arg = tokens[i + 1];
      if (arg?.kind === 'string') {
        if (!/^auto( ignorecase)?$/i.test(arg.text)) throw invalidFirehoseArgument("CopyOptions: only JSON 'auto' is supported by Tributary (no JSONPaths file).");
        i++;
      }
    }
  }
  return out;
}
