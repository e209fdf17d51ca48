// Micro-benchmark of the hot path: validating a 500-entry PutRecords (1 KiB records) as it
// arrives over JSON (base64 → Buffer) and over CBOR (Buffers already). Reports ns/record as a
// test diagnostic; asserts only correctness, since timings on a shared machine are noisy.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { loadServiceModel } from '../../src/api/model/service-model.js';
import { ShapeCompiler } from '../../src/api/model/shape-compiler.js';
import { compileInputValidator } from '../../src/api/model/input-validator.js';

const model = loadServiceModel('kinesis');
const validator = compileInputValidator(model, new ShapeCompiler(model), 'PutRecords');
const payload = randomBytes(1024);
const base64 = payload.toString('base64');

function body(wire: 'json' | 'cbor'): Record<string, unknown> {
  const records = new Array(500);
  for (let i = 0; i < 500; i++) records[i] = { PartitionKey: `pk-${i}`, Data: wire === 'json' ? base64 : payload };
  return { StreamName: 'bench', Records: records };
}

for (const wire of ['json', 'cbor'] as const) {
  test(`validating a 500-entry PutRecords over ${wire} (ns/record in diagnostics)`, (t) => {
    for (let i = 0; i < 50; i++) validator.validate(body(wire), wire);
    const rounds = 100;
    const bodies = Array.from({ length: rounds }, () => body(wire));
    const start = process.hrtime.bigint();
    let last: Record<string, unknown> | undefined;
    for (const b of bodies) last = validator.validate(b, wire);
    const nsPerRecord = Number(process.hrtime.bigint() - start) / (rounds * 500);
    t.diagnostic(`${wire}: ${nsPerRecord.toFixed(0)} ns/record`);
    const first = (last?.Records as { Data: Buffer }[])[0]!;
    assert.ok(first.Data.equals(payload));
  });
}
