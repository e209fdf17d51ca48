import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { NewMapping } from './mapping-registry.js';
import { MappingConflictError, MappingRequestError, type MappingRequestProblem } from './mapping-registry-errors.js';
import { ACCOUNT, FUNCTION_ARN, OTHER_STREAM_ARN, openRegistry, REGION, STREAM_ARN } from './mapping-registry.test-support.js';

const base: NewMapping = { functionName: 'my-fn', eventSourceArn: STREAM_ARN, startingPosition: 'TRIM_HORIZON' };

async function problemOf(request: NewMapping): Promise<MappingRequestProblem> {
  const { registry } = await openRegistry();
  try {
    await registry.create(request);
  } catch (err) {
    if (err instanceof MappingRequestError) return err.problem;
    throw err;
  }
  assert.fail('create succeeded');
}

describe('MappingRegistry create validation', () => {
  test('no EventSourceArn, or one that is not Kinesis, is an unrecognized event source', async () => {
    const { eventSourceArn: _omit, ...noSource } = base;
    assert.deepEqual(await problemOf(noSource), { kind: 'unrecognizedEventSource' });
    assert.deepEqual(await problemOf({ ...base, eventSourceArn: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` }), { kind: 'unrecognizedEventSource' });
  });

  test('OnSuccess is refused before anything else', async () => {
    const { eventSourceArn: _omit, ...noSource } = base;
    assert.deepEqual(await problemOf({ ...noSource, destinationConfig: { onSuccessGiven: true } }), { kind: 'onSuccessUnsupported' });
  });

  test('StartingPosition: missing, not in the enum (AWS order), AT_TIMESTAMP without a timestamp', async () => {
    const { startingPosition: _omit, ...noPosition } = base;
    assert.deepEqual(await problemOf(noPosition), { kind: 'startingPositionMissing' });
    assert.deepEqual(await problemOf({ ...base, startingPosition: 'invalid' }), {
      kind: 'violations',
      violations: [{ path: 'startingPosition', printed: 'invalid', constraint: { kind: 'enum', values: ['LATEST', 'AT_TIMESTAMP', 'TRIM_HORIZON'] } }],
    });
    assert.deepEqual(await problemOf({ ...base, startingPosition: 'AT_TIMESTAMP' }), { kind: 'startingPositionTimestampMissing' });
  });

  test('every range bound of the model is checked, in model order', async () => {
    const problem = await problemOf({
      ...base,
      batchSize: 0,
      maximumBatchingWindowInSeconds: 301,
      parallelizationFactor: 11,
      maximumRecordAgeInSeconds: -2,
      maximumRetryAttempts: 10_001,
      tumblingWindowInSeconds: 901,
      functionResponseTypes: ['Nope'],
    });
    assert.deepEqual(problem, {
      kind: 'violations',
      violations: [
        { path: 'batchSize', printed: '0', constraint: { kind: 'min', limit: 1 } },
        { path: 'maximumBatchingWindowInSeconds', printed: '301', constraint: { kind: 'max', limit: 300 } },
        { path: 'parallelizationFactor', printed: '11', constraint: { kind: 'max', limit: 10 } },
        { path: 'maximumRecordAgeInSeconds', printed: '-2', constraint: { kind: 'min', limit: -1 } },
        { path: 'maximumRetryAttempts', printed: '10001', constraint: { kind: 'max', limit: 10_000 } },
        { path: 'tumblingWindowInSeconds', printed: '901', constraint: { kind: 'max', limit: 900 } },
        { path: 'functionResponseTypes', printed: '[Nope]', constraint: { kind: 'enumList', values: ['ReportBatchItemFailures'] } },
      ],
    });
    assert.deepEqual(await problemOf({ ...base, batchSize: 10_001, parallelizationFactor: 0 }), {
      kind: 'violations',
      violations: [
        { path: 'batchSize', printed: '10001', constraint: { kind: 'max', limit: 10_000 } },
        { path: 'parallelizationFactor', printed: '0', constraint: { kind: 'min', limit: 1 } },
      ],
    });
  });

  test('the extreme values of every range are accepted and echoed', async () => {
    const { registry } = await openRegistry();
    const low = await registry.create({
      ...base,
      batchSize: 1,
      maximumBatchingWindowInSeconds: 0,
      parallelizationFactor: 1,
      maximumRecordAgeInSeconds: -1,
      maximumRetryAttempts: -1,
      tumblingWindowInSeconds: 0,
    });
    const high = await registry.create({
      ...base,
      functionName: 'other-fn',
      batchSize: 10_000,
      maximumBatchingWindowInSeconds: 300,
      parallelizationFactor: 10,
      maximumRecordAgeInSeconds: 604_800,
      maximumRetryAttempts: 10_000,
      tumblingWindowInSeconds: 900,
      functionResponseTypes: ['ReportBatchItemFailures'],
    });
    const pick = (m: typeof low) => [m.batchSize, m.maximumBatchingWindowInSeconds, m.parallelizationFactor, m.maximumRecordAgeInSeconds, m.maximumRetryAttempts, m.tumblingWindowInSeconds, m.reportBatchItemFailures];
    assert.deepEqual(pick(low), [1, 0, 1, -1, -1, 0, false]);
    assert.deepEqual(pick(high), [10_000, 300, 10, 604_800, 10_000, 900, true]);
  });

  test('MaximumRecordAgeInSeconds 0 to 59 is refused; 60 is the smallest age accepted', async () => {
    assert.deepEqual(await problemOf({ ...base, maximumRecordAgeInSeconds: 0 }), { kind: 'maximumRecordAge', value: 0 });
    assert.deepEqual(await problemOf({ ...base, maximumRecordAgeInSeconds: 59 }), { kind: 'maximumRecordAge', value: 59 });
    const { registry } = await openRegistry();
    assert.equal((await registry.create({ ...base, maximumRecordAgeInSeconds: 60 })).maximumRecordAgeInSeconds, 60);
  });

  test('invalid filter patterns are refused: not JSON, not an object, data not an object, unknown operator, empty', async () => {
    for (const pattern of ['{', '[1]', '{"data":"x"}', '{"data":{"a":[{"bogus":1}]}}', '']) {
      const problem = await problemOf({ ...base, filterPatterns: [pattern] });
      assert.equal(problem.kind, 'invalidFilterPattern', pattern);
    }
    assert.equal((await problemOf({ ...base, filterPatterns: [undefined] })).kind, 'invalidFilterPattern');
    const { registry } = await openRegistry();
    const patterns = ['{"data":{"event_type":["function_1"]}}', '{"partitionKey":["1"]}'];
    assert.deepEqual((await registry.create({ ...base, filterPatterns: patterns })).filterPatterns, patterns);
  });

  test('the function must exist here, unqualified or $LATEST, in this account and region', async () => {
    assert.deepEqual(await problemOf({ ...base, functionName: 'nope' }), { kind: 'functionNotFound', functionName: 'nope' });
    assert.deepEqual(await problemOf({ ...base, functionName: 'my-fn:live' }), { kind: 'functionNotFound', functionName: 'my-fn' });
    assert.deepEqual(await problemOf({ ...base, functionName: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:my-fn` }), {
      kind: 'functionNotFound',
      functionName: 'my-fn',
    });
    assert.deepEqual(await problemOf({ ...base, functionName: '111111111111:function:my-fn' }), { kind: 'functionNotFound', functionName: 'my-fn' });
    const long = 'f'.repeat(65);
    assert.deepEqual(await problemOf({ ...base, functionName: long }), { kind: 'functionNameTooLong', name: long });
  });

  test('every FunctionName form resolves, and FunctionArn is qualified only when the name was', async () => {
    const { registry } = await openRegistry();
    const byArn = await registry.create({ ...base, functionName: FUNCTION_ARN });
    assert.deepEqual([byArn.functionName, byArn.qualifier, byArn.functionArn], ['my-fn', undefined, FUNCTION_ARN]);
    const qualified = await registry.create({ ...base, functionName: 'my-fn:$LATEST' });
    assert.deepEqual([qualified.functionName, qualified.qualifier, qualified.functionArn], ['my-fn', '$LATEST', `${FUNCTION_ARN}:$LATEST`]);
    const partial = await registry.create({ ...base, eventSourceArn: OTHER_STREAM_ARN, functionName: `${ACCOUNT}:function:my-fn` });
    assert.equal(partial.functionArn, FUNCTION_ARN);
  });

  test('a stream that does not exist is "Stream not found" with the ARN as given', async () => {
    const arn = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/missing`;
    assert.deepEqual(await problemOf({ ...base, eventSourceArn: arn }), { kind: 'streamNotFound', eventSourceArn: arn });
  });

  test('problems are reported in AWS order: ranges, starting position, record age, filters, function, stream', async () => {
    const missingStream = `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/missing`;
    const all: NewMapping = { ...base, eventSourceArn: missingStream, functionName: 'nope', filterPatterns: ['{'], maximumRecordAgeInSeconds: 1 };
    assert.equal((await problemOf({ ...all, startingPosition: 'x', batchSize: 0 })).kind, 'violations');
    assert.equal((await problemOf({ ...all, startingPosition: 'AT_TIMESTAMP' })).kind, 'startingPositionTimestampMissing');
    assert.equal((await problemOf(all)).kind, 'maximumRecordAge');
    assert.equal((await problemOf({ ...all, maximumRecordAgeInSeconds: -1 })).kind, 'invalidFilterPattern');
    assert.equal((await problemOf({ ...all, maximumRecordAgeInSeconds: -1, filterPatterns: [] })).kind, 'functionNotFound');
    assert.equal((await problemOf({ ...all, maximumRecordAgeInSeconds: -1, filterPatterns: [], functionName: 'my-fn' })).kind, 'streamNotFound');
  });

  test('a second mapping of the same function ARN to the same stream conflicts; other pairs do not', async () => {
    const { registry } = await openRegistry();
    const first = await registry.create(base);
    await assert.rejects(registry.create({ ...base, functionName: FUNCTION_ARN }), (err) => {
      assert.ok(err instanceof MappingConflictError);
      assert.deepEqual([err.eventSourceArn, err.functionName, err.existingUuid], [STREAM_ARN, 'my-fn', first.uuid]);
      return true;
    });
    await registry.create({ ...base, functionName: 'other-fn' });
    await registry.create({ ...base, eventSourceArn: OTHER_STREAM_ARN });
    await registry.create({ ...base, functionName: 'my-fn:$LATEST' });
  });

  test('AT_TIMESTAMP keeps its timestamp; other positions drop one given anyway', async () => {
    const { registry } = await openRegistry();
    const at = await registry.create({ ...base, startingPosition: 'AT_TIMESTAMP', startingPositionTimestamp: 1_672_531_200_000 });
    assert.equal(at.startingPositionTimestamp, 1_672_531_200_000);
    const latest = await registry.create({ ...base, functionName: 'other-fn', startingPosition: 'LATEST', startingPositionTimestamp: 5 });
    assert.equal('startingPositionTimestamp' in latest, false);
  });
});
