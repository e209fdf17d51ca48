import { test } from 'node:test';
import assert from 'node:assert/strict';
import { indexPath, logPath, parseSegmentFileName, segmentFileName } from './segment-files.js';

test('segment files are named by their base offset padded to 20 digits', () => {
  assert.equal(segmentFileName(0), '00000000000000000000.log');
  assert.equal(segmentFileName(1234), '00000000000000001234.log');
  assert.equal(logPath('/d', 5), '/d/00000000000000000005.log');
  assert.equal(indexPath('/d', 5), '/d/00000000000000000005.index');
  assert.equal(parseSegmentFileName('00000000000000001234.log'), 1234);
  for (const other of ['1234.log', '00000000000000001234.index', 'sealed', '00000000000000001234.log.tmp']) {
    assert.equal(parseSegmentFileName(other), undefined, other);
  }
});
