import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { withTarget } from './kinesis-target.js';

describe('DescribeAccountSettings', () => {
  test('reports a DISABLED commitment on a new account', () =>
    withTarget(async (t) => {
      assert.deepEqual(await t.call('DescribeAccountSettings'), { MinimumThroughputBillingCommitment: { Status: 'DISABLED' } });
    }));
});
