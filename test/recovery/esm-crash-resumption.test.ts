// Unit tests for the crash test's resumption check, so a green crash test means what it says.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkResumption, type Batch } from './esm-crash-resumption.js';

const S0 = 'shardId-000000000000';
const S1 = 'shardId-000000000001';
const acked = new Map([
  [S0, ['10', '11', '12', '13', '14', '15']],
  [S1, ['20', '21', '22', '23']],
]);
const b = (shardId: string, ...seqs: string[]): Batch => ({ shardId, seqs });

describe('checkResumption', () => {
  test('accepts a run that resumes after the last batch on one shard and redoes the in-flight batch on the other', () => {
    const batches = [b(S0, '10', '11'), b(S1, '20', '21'), b(S0, '12', '13'), /* kill */ b(S0, '14', '15'), b(S1, '20', '21', '22'), b(S1, '23')];
    assert.deepEqual(checkResumption(acked, batches, [3]), { problems: [], redelivered: 2, resumptions: ['kill 1: 0 next 1 redo'] });
  });

  test('reports a skip, a replay of an older batch, and records never delivered', () => {
    const batches = [b(S0, '10', '11'), b(S0, '12', '13'), /* kill */ b(S0, '10', '11'), b(S0, '12', '13', '14', '15'), b(S1, '20'), b(S1, '22', '23')];
    assert.deepEqual(checkResumption(acked, batches, [2]).problems, [
      `${S0}: after kill 1 delivery resumed at position 0; expected 4 (after the last batch) or 2 (the batch in flight)`,
      `${S0} batch 3: starts at position 2, expected 4 (repeat without a restart)`,
      `${S1} batch 5: starts at position 2, expected 1 (skip without a restart)`,
    ]);
  });

  test('reports gaps inside a batch and an unfinished shard', () => {
    const batches = [b(S0, '10', '12'), b(S1, '20', '21')];
    assert.deepEqual(checkResumption(acked, batches, []).problems, [
      `${S0} batch 0: records not consecutive (positions 0,2)`,
      `${S0}: delivered up to position 3 of 6`,
      `${S1}: delivered up to position 2 of 4`,
    ]);
  });
});
