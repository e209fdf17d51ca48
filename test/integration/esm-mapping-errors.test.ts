// LAMBDA-API.md §7.4 (§3.5, §1, §6): CreateEventSourceMapping errors with AWS's exact codes, statuses
// and messages, through the SDK v3, the AWS CLI and raw HTTP (x-amzn-ErrorType and body keys).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CreateEventSourceMappingCommand, GetEventSourceMappingCommand, UpdateEventSourceMappingCommand, DeleteEventSourceMappingCommand, type CreateEventSourceMappingCommandInput } from '@aws-sdk/client-lambda';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler } from './support/esm-handler.js';

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00';
const MISSING_UUID = '00000000-0000-4000-8000-000000000000';

let fx: EsmFixture;
let stream: string;
let existingUuid: string;

before(async () => {
  fx = await EsmFixture.start();
  stream = await fx.createStream('err-stream');
  await fx.createFunction('err-fn', recordingHandler('return null;'));
  existingUuid = (await fx.createMapping({ FunctionName: 'err-fn', EventSourceArn: stream, StartingPosition: 'LATEST' })).UUID!;
});

after(async () => {
  await fx?.close();
});

/** Sends a command expected to fail and returns the error's code, message and HTTP status. */
async function failure(send: Promise<unknown>): Promise<{ name: string; message: string; status: number | undefined }> {
  try {
    await send;
  } catch (err) {
    const e = err as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: e.name, message: e.message, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('the request unexpectedly succeeded');
}

const create = (input: Partial<CreateEventSourceMappingCommandInput>): Promise<unknown> =>
  fx.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'err-fn', EventSourceArn: stream, StartingPosition: 'LATEST', ...input } as CreateEventSourceMappingCommandInput));

describe('CreateEventSourceMapping errors', () => {
  test('a second mapping for the same function and stream: 409 with the exact message (SDK and CLI)', async () => {
    const message = `The event source arn (" ${stream} ") and function (" err-fn ") provided mapping already exists. Please update or delete the existing mapping with UUID ${existingUuid}`;
    assert.deepEqual(await failure(create({})), { name: 'ResourceConflictException', message, status: 409 });
    const line = await fx.cli.error('lambda', 'create-event-source-mapping', '--function-name', 'err-fn', '--event-source-arn', stream, '--starting-position', 'LATEST');
    assert.equal(line, `An error occurred (ResourceConflictException) when calling the CreateEventSourceMapping operation: ${message}`);
  });

  test('StartingPosition missing: InvalidParameterValueException with the model-style message (CLI)', async () => {
    const other = await fx.createStream('err-stream-2');
    const line = await fx.cli.error('lambda', 'create-event-source-mapping', '--function-name', 'err-fn', '--event-source-arn', other);
    assert.equal(
      line,
      "An error occurred (InvalidParameterValueException) when calling the CreateEventSourceMapping operation: 1 validation error detected: Value null at 'startingPosition' failed to satisfy constraint: Member must not be null.",
    );
  });

  const cases: readonly [string, Partial<CreateEventSourceMappingCommandInput>, { name: string; message?: string; status: number }][] = [
    ['StartingPosition not in the enum', { EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/err-stream-2', StartingPosition: 'invalid' as 'LATEST' }, {
      name: 'ValidationException', status: 400,
      message: "1 validation error detected: Value 'invalid' at 'startingPosition' failed to satisfy constraint: Member must satisfy enum value set: [LATEST, AT_TIMESTAMP, TRIM_HORIZON]",
    }],
    ['a stream that does not exist', { EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/missing' }, {
      name: 'InvalidParameterValueException', status: 400, message: 'Stream not found: arn:aws:kinesis:us-east-1:000000000000:stream/missing',
    }],
    ['a function that does not exist', { FunctionName: 'no-such-fn' }, { name: 'InvalidParameterValueException', status: 400, message: 'Function does not exist' }],
    ['no EventSourceArn', { EventSourceArn: undefined }, { name: 'InvalidParameterValueException', status: 400, message: 'Unrecognized event source.' }],
    ['an OnSuccess destination', { DestinationConfig: { OnSuccess: { Destination: 'arn:aws:sqs:us-east-1:000000000000:q' } } }, {
      name: 'InvalidParameterValueException', status: 400, message: 'Unsupported DestinationConfig parameter for given event source mapping type.',
    }],
    ['an invalid filter pattern', { FilterCriteria: { Filters: [{ Pattern: '{"data":{"a":"not-an-array"}}' }] } }, {
      name: 'InvalidParameterValueException', status: 400, message: 'Invalid filter pattern definition.',
    }],
    ['a filter pattern that is not JSON', { FilterCriteria: { Filters: [{ Pattern: 'nope' }] } }, {
      name: 'InvalidParameterValueException', status: 400, message: 'Invalid filter pattern definition.',
    }],
    ['MaximumRecordAgeInSeconds 30', { MaximumRecordAgeInSeconds: 30 }, { name: 'InvalidParameterValueException', status: 400 }],
    ['BatchSize 0', { BatchSize: 0 }, {
      name: 'ValidationException', status: 400,
      message: "1 validation error detected: Value '0' at 'batchSize' failed to satisfy constraint: Member must have value greater than or equal to 1",
    }],
    ['ParallelizationFactor 11', { ParallelizationFactor: 11 }, {
      name: 'ValidationException', status: 400,
      message: "1 validation error detected: Value '11' at 'parallelizationFactor' failed to satisfy constraint: Member must have value less than or equal to 10",
    }],
  ];
  for (const [what, input, expected] of cases) {
    test(`${what}: ${expected.name}`, async () => {
      // A stream without a mapping of err-fn, so the duplicate check cannot answer first.
      const got = await failure(create({ EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/err-stream-2', ...input }));
      if (expected.message === undefined) assert.deepEqual({ name: got.name, status: got.status }, expected);
      else assert.deepEqual(got, expected);
    });
  }
});

describe('unknown mapping UUID', () => {
  test('get, update and delete answer 404 "The resource you requested does not exist."', async () => {
    const expected = { name: 'ResourceNotFoundException', message: 'The resource you requested does not exist.', status: 404 };
    assert.deepEqual(await failure(fx.lambda.send(new GetEventSourceMappingCommand({ UUID: MISSING_UUID }))), expected);
    assert.deepEqual(await failure(fx.lambda.send(new UpdateEventSourceMappingCommand({ UUID: MISSING_UUID, BatchSize: 5 }))), expected);
    assert.deepEqual(await failure(fx.lambda.send(new DeleteEventSourceMappingCommand({ UUID: MISSING_UUID }))), expected);
  });

  test('over raw HTTP the 404 carries x-amzn-ErrorType and {"Type":"User","Message":…}', async () => {
    const res = await fetch(`${fx.server.url}/2015-03-31/event-source-mappings/${MISSING_UUID}`, { headers: { Authorization: AUTH, 'X-Amz-Date': '20240101T000000Z' } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-amzn-errortype'), 'ResourceNotFoundException');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body['Type'], 'User');
    assert.equal(body['Message'], 'The resource you requested does not exist.');
  });

  test('over raw HTTP an InvalidParameterValueException body uses a lower-case message key', async () => {
    const res = await fetch(`${fx.server.url}/2015-03-31/event-source-mappings`, {
      method: 'POST',
      headers: { Authorization: AUTH, 'X-Amz-Date': '20240101T000000Z', 'Content-Type': 'application/json' },
      body: JSON.stringify({ FunctionName: 'err-fn', EventSourceArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/missing', StartingPosition: 'LATEST' }),
    });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get('x-amzn-errortype'), 'InvalidParameterValueException');
    const body = (await res.json()) as Record<string, unknown>;
    assert.equal(body['Type'], 'User');
    assert.equal(body['message'], 'Stream not found: arn:aws:kinesis:us-east-1:000000000000:stream/missing');
  });
});
