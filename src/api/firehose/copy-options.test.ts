// CopyOptions grammar: the RECORD_ID clause, ignored Redshift options, refused non-JSON formats.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AwsError } from '../../errors/aws-error.js';
import { parseCopyOptions } from './copy-options.js';

function refused(text: string, message: string): void {
  assert.throws(() => parseCopyOptions(text), (err: unknown) => err instanceof AwsError && err.type === 'InvalidArgumentException' && err.message === message, text);
}

test('reads RECORD_ID with and without FROM, among ignored Redshift options, case-insensitively', () => {
  assert.deepEqual(parseCopyOptions(undefined), {});
  assert.deepEqual(parseCopyOptions(''), {});
  assert.deepEqual(parseCopyOptions("json 'auto' gzip timeformat 'auto';"), {});
  assert.deepEqual(parseCopyOptions('RECORD_ID rid'), { recordIdColumn: 'rid' });
  assert.deepEqual(parseCopyOptions("JSON 'auto ignorecase' record_id order_id from id TRUNCATECOLUMNS"), { recordIdColumn: 'order_id', recordIdField: 'id' });
  assert.deepEqual(parseCopyOptions('RECORD_ID "Order Id" FROM "order.id"'), { recordIdColumn: 'Order Id', recordIdField: 'order.id' });
  assert.deepEqual(parseCopyOptions("timeformat 'RECORD_ID x'"), {});
});

test('refuses a malformed RECORD_ID, non-JSON formats and JSONPaths files', () => {
  refused('RECORD_ID', 'CopyOptions: RECORD_ID needs a column name: RECORD_ID <column> [FROM <json field>].');
  refused('RECORD_ID 1abc', 'CopyOptions: RECORD_ID needs a column name: RECORD_ID <column> [FROM <json field>].');
  refused('RECORD_ID rid FROM', 'CopyOptions: RECORD_ID needs a JSON field name after FROM: RECORD_ID <column> [FROM <json field>].');
  refused('RECORD_ID a RECORD_ID b', 'CopyOptions: RECORD_ID may be given only once.');
  refused("delimiter '|'", "CopyOptions: DELIMITER is not supported by Tributary; records are read as JSON 'auto'.");
  refused('FORMAT AS CSV', "CopyOptions: CSV is not supported by Tributary; records are read as JSON 'auto'.");
  refused("json 's3://bucket/paths.json'", "CopyOptions: only JSON 'auto' is supported by Tributary (no JSONPaths file).");
  refused("timeformat 'auto", 'CopyOptions has an unterminated string.');
  refused('RECORD_ID "rid', 'CopyOptions has an unterminated quoted identifier.');
});
