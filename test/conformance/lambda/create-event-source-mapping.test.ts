import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ACCOUNT, esmClient, FUNCTION_ARN, REGION, STREAM_ARN } from './event-source-mapping-fixture.js';

const PATH = '/2015-03-31/event-source-mappings';
const required = { FunctionName: 'my-fn', EventSourceArn: STREAM_ARN, StartingPosition: 'LATEST' };

/** The CLI example of LAMBDA-API.md §3.2, as botocore sends it. */
const cliExample = {
  FunctionName: 'my-fn',
  EventSourceArn: STREAM_ARN,
  BatchSize: 100,
  StartingPosition: 'AT_TIMESTAMP',
  StartingPositionTimestamp: 1672531200,
  MaximumRetryAttempts: 2,
  DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq` } },
  BisectBatchOnFunctionError: true,
  FunctionResponseTypes: ['ReportBatchItemFailures'],
  ParallelizationFactor: 2,
  TumblingWindowInSeconds: 60,
  FilterCriteria: { Filters: [{ Pattern: '{"data":{"type":["a"]}}' }] },
  MaximumRecordAgeInSeconds: 3600,
  MaximumBatchingWindowInSeconds: 5,
};

describe('CreateEventSourceMapping', () => {
  test('answers 202 with every AWS default, in model member order, State Creating', async () => {
    const client = await esmClient();
    const reply = await client.call('POST', PATH, { body: required });
    assert.equal(reply.status, 202);
    const body = reply.json as Record<string, unknown>;
    const uuid = body['UUID'] as string;
    assert.match(uuid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const expected = {
      UUID: uuid,
      StartingPosition: 'LATEST',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      EventSourceArn: STREAM_ARN,
      FunctionArn: FUNCTION_ARN,
      LastModified: 1700000000.123,
      LastProcessingResult: 'No records processed',
      State: 'Creating',
      StateTransitionReason: 'User action',
      DestinationConfig: { OnFailure: {} },
      MaximumRecordAgeInSeconds: -1,
      BisectBatchOnFunctionError: false,
      MaximumRetryAttempts: -1,
      TumblingWindowInSeconds: 0,
      FunctionResponseTypes: [],
      EventSourceMappingArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${uuid}`,
    };
    assert.deepEqual(body, expected);
    assert.deepEqual(Object.keys(body), Object.keys(expected));
  });

  test('echoes every member of the CLI example, the timestamp in epoch seconds and Pattern as the original string', async () => {
    const client = await esmClient();
    const reply = await client.call('POST', PATH, { body: cliExample });
    assert.equal(reply.status, 202);
    const { UUID, EventSourceMappingArn, ...rest } = reply.json as Record<string, unknown>;
    assert.equal(EventSourceMappingArn, `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${UUID as string}`);
    assert.deepEqual(rest, {
      StartingPosition: 'AT_TIMESTAMP',
      StartingPositionTimestamp: 1672531200,
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      ParallelizationFactor: 2,
      EventSourceArn: STREAM_ARN,
      FilterCriteria: { Filters: [{ Pattern: '{"data":{"type":["a"]}}' }] },
      FunctionArn: FUNCTION_ARN,
      LastModified: 1700000000.123,
      LastProcessingResult: 'No records processed',
      State: 'Creating',
      StateTransitionReason: 'User action',
      DestinationConfig: { OnFailure: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq` } },
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 2,
      TumblingWindowInSeconds: 60,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  test('with Enabled false the mapping is created Disabled; accepted extras are echoed', async () => {
    const client = await esmClient();
    const body = await client.create({
      ...required,
      Enabled: false,
      MetricsConfig: { Metrics: ['EventCount'] },
      ScalingConfig: { MaximumConcurrency: 5 },
    });
    assert.equal(body['State'], 'Disabled');
    assert.deepEqual(body['MetricsConfig'], { Metrics: ['EventCount'] });
    assert.deepEqual(body['ScalingConfig'], { MaximumConcurrency: 5 });
  });

  test(
    'Tags are accepted and not returned',
    async () => {
      const client = await esmClient();
      const body = await client.create({ ...required, Tags: { team: 'a' } });
      assert.equal('Tags' in body, false);
    },
  );

  test('the path with a trailing slash (CLI 2.9.19 model) works too', async () => {
    const client = await esmClient();
    const reply = await client.call('POST', `${PATH}/`, { body: required });
    assert.equal(reply.status, 202);
  });

  test('a qualified FunctionName gives a qualified FunctionArn', async () => {
    const client = await esmClient();
    const body = await client.create({ ...required, FunctionName: `${FUNCTION_ARN}:$LATEST` });
    assert.equal(body['FunctionArn'], `${FUNCTION_ARN}:$LATEST`);
  });
});

describe('CreateEventSourceMapping errors', () => {
  const cases: readonly { name: string; body: Record<string, unknown>; status: number; type: string; json: Record<string, unknown>; todo?: string }[] = [
    {
      name: 'FunctionName missing',
      body: { EventSourceArn: STREAM_ARN, StartingPosition: 'LATEST' },
      status: 400,
      type: 'ValidationException',
      json: { message: "1 validation error detected: Value null at 'functionName' failed to satisfy constraint: Member must not be null" },
    },
    {
      name: 'EventSourceArn missing',
      body: { FunctionName: 'my-fn', StartingPosition: 'LATEST' },
      status: 400,
      type: 'InvalidParameterValueException',
      json: { Type: 'User', message: 'Unrecognized event source.' },
    },
    {
      name: 'DestinationConfig.OnSuccess given',
      body: { ...required, DestinationConfig: { OnSuccess: { Destination: `arn:aws:sqs:${REGION}:${ACCOUNT}:q` } } },
      status: 400,
      type: 'InvalidParameterValueException',
      json: { Type: 'User', message: 'Unsupported DestinationConfig parameter for given event source mapping type.' },
    },
    {
      name: 'StartingPosition missing',
      body: { FunctionName: 'my-fn', EventSourceArn: STREAM_ARN },
      status: 400,
      type: 'InvalidParameterValueException',
      json: {
        Type: 'User',
        message: "1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
      },
    },
    {
      name: 'StartingPosition not in the enum',
      body: { ...required, StartingPosition: 'invalid' },
      status: 400,
      type: 'ValidationException',
      json: {
        message:
          "1 validation error detected: Value 'invalid' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]",
      },
    },
    {
      name: 'AT_TIMESTAMP without StartingPositionTimestamp',
      body: { ...required, StartingPosition: 'AT_TIMESTAMP' },
      status: 400,
      type: 'InvalidParameterValueException',
      json: { Type: 'User', message: 'Need to specify a timestamp' },
    },
    {
      name: 'BatchSize 0',
      body: { ...required, BatchSize: 0 },
      status: 400,
      type: 'ValidationException',
      json: { message: "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1" },
    },
    {
      name: 'ParallelizationFactor 11',
      body: { ...required, ParallelizationFactor: 11 },
      status: 400,
      type: 'ValidationException',
      json: {
        message: "1 validation error detected: Value '11' at 'parallelizationFactor' failed to satisfy constraint: Member must have value less than or equal to 10",
      },
    },
    {
      name: 'MaximumRecordAgeInSeconds 30',
      body: { ...required, MaximumRecordAgeInSeconds: 30 },
      status: 400,
      type: 'InvalidParameterValueException',
      json: { Type: 'User', message: 'MaximumRecordAgeInSeconds must be either -1 (forever) or between 60 and 604800 (inclusive)' },
    },
    {
      name: 'an invalid filter pattern',
      body: { ...required, FilterCriteria: { Filters: [{ Pattern: '{"data":"not-an-object"}' }] } },
      status: 400,
      type: 'InvalidParameterValueException',
      json: { Type: 'User', message: 'Invalid filter pattern definition.' },
    },
    {
      name: 'a function that does not exist',
      body: { ...required, FunctionName: 'nope' },
      status: 400,
      type: 'InvalidParameterValueException',
      json: { Type: 'User', message: 'Function does not exist' },
    },
    {
      name: 'a function name over 64 characters',
      body: { ...required, FunctionName: 'f'.repeat(65) },
      status: 400,
      type: 'InvalidParameterValueException',
      json: {
        Type: 'User',
        message: `1 validation error detected: Value '${'f'.repeat(65)}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
      },
    },
    {
      name: 'a stream that does not exist',
      body: { ...required, EventSourceArn: `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/missing` },
      status: 400,
      type: 'InvalidParameterValueException',
      json: { Type: 'User', message: `Stream not found: arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/missing` },
    },
  ];

  for (const c of cases) {
    test(`CreateEventSourceMapping answers ${c.status} ${c.type} for ${c.name}`, c.todo ? { todo: c.todo } : {}, async () => {
      const client = await esmClient();
      const reply = await client.call('POST', PATH, { body: c.body });
      assert.deepEqual(reply, { status: c.status, errorType: c.type, json: c.json });
      assert.deepEqual(client.registry.list().mappings, []);
    });
  }

  test('CreateEventSourceMapping answers 409 ResourceConflictException for a second mapping of the same function and stream', async () => {
    const client = await esmClient();
    const first = await client.create(required);
    const reply = await client.call('POST', PATH, { body: { ...required, FunctionName: FUNCTION_ARN, StartingPosition: 'TRIM_HORIZON' } });
    assert.deepEqual(reply, {
      status: 409,
      errorType: 'ResourceConflictException',
      json: {
        Type: 'User',
        message: `The event source arn (" ${STREAM_ARN} ") and function (" my-fn ") provided mapping already exists. Please update or delete the existing mapping with UUID ${first['UUID'] as string}`,
      },
    });
  });
});
