import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatInvocationLog, logTail } from './invocation-log.js';

describe('invocation log', () => {
  test('is START, the lines (console lines stamped, raw ones as written), END and REPORT', () => {
    const time = Date.UTC(2024, 0, 31, 12, 34, 56, 789);
    const log = formatInvocationLog({ requestId: 'r1', version: '$LATEST', durationMs: 12.345, memorySizeMb: 128, maxMemoryUsedMb: 7, initDurationMs: 80.5 }, [
      { time, requestId: 'r1', level: 'INFO', message: 'hello' },
      { time, requestId: 'r1', message: 'raw text' },
    ]);
    assert.equal(
      log,
      'START RequestId: r1 Version: $LATEST\n' +
        '2024-01-31T12:34:56.789Z\tr1\tINFO\thello\n' +
        'raw text\n' +
        'END RequestId: r1\n' +
        'REPORT RequestId: r1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 7 MB\tInit Duration: 80.50 ms\t\n',
    );
    assert.equal(
      formatInvocationLog({ requestId: 'r2', version: '$LATEST', durationMs: 0.2, memorySizeMb: 256 }, []),
      'START RequestId: r2 Version: $LATEST\nEND RequestId: r2\nREPORT RequestId: r2\tDuration: 0.20 ms\tBilled Duration: 1 ms\tMemory Size: 256 MB\t\n',
    );
  });

  test('the tail is base64 of the last 4096 bytes', () => {
    assert.equal(logTail('short'), Buffer.from('short').toString('base64'));
    const long = 'a'.repeat(5000) + 'z'.repeat(96);
    assert.equal(Buffer.from(logTail(long), 'base64').toString(), 'a'.repeat(4000) + 'z'.repeat(96));
  });
});
