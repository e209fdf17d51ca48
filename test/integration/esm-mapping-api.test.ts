// LAMBDA-API.md §7.3, §7.5, §7.6 (and §3, §2.5): the event source mapping control plane through the
// AWS CLI 2.9.19 and SDK v3 — every flag echoed, defaults, list filters and pages, the state machine
// of update/delete, both route spellings, and mappings outliving their function.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  DeleteFunctionCommand,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
} from '@aws-sdk/client-lambda';
import { ACCOUNT, EsmFixture, REGION } from './support/esm-fixture.js';
import { recordingHandler } from './support/esm-handler.js';

const CLI_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?\+00:00$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const fnArn = (name: string): string => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`;
const PATTERN = '{"data":{"type":["a"]}}';

let fx: EsmFixture;
let s1: string;
/** The destination need not exist (AWS checks permissions, not existence, at create time). */
const dlqArn = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
let cliUuid: string;

before(async () => {
  fx = await EsmFixture.start();
  s1 = await fx.createStream('s1');
  for (const name of ['my-fn', 'my-fn-2', 'my-fn-3']) await fx.createFunction(name, recordingHandler('return null;'));
});

after(async () => {
  await fx?.close();
});

describe('event source mappings through the AWS CLI', () => {
  test('create-event-source-mapping with every Kinesis flag echoes them all, Creating, then Enabled', async () => {
    const created = await fx.cli.json(
      'lambda', 'create-event-source-mapping', '--function-name', 'my-fn', '--event-source-arn', s1,
      '--batch-size', '100', '--starting-position', 'AT_TIMESTAMP', '--starting-position-timestamp', '2023-01-01T00:00:00Z',
      '--maximum-retry-attempts', '2', '--destination-config', JSON.stringify({ OnFailure: { Destination: dlqArn } }),
      '--bisect-batch-on-function-error', '--function-response-types', 'ReportBatchItemFailures', '--parallelization-factor', '2',
      '--tumbling-window-in-seconds', '60', '--filter-criteria', JSON.stringify({ Filters: [{ Pattern: PATTERN }] }),
      '--maximum-record-age-in-seconds', '3600', '--maximum-batching-window-in-seconds', '5',
    );
    cliUuid = String(created!['UUID']);
    assert.match(cliUuid, UUID);
    assert.match(String(created!['LastModified']), CLI_TIME);
    const expected = {
      UUID: cliUuid,
      StartingPosition: 'AT_TIMESTAMP',
      StartingPositionTimestamp: '2023-01-01T00:00:00+00:00',
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 5,
      ParallelizationFactor: 2,
      EventSourceArn: s1,
      FilterCriteria: { Filters: [{ Pattern: PATTERN }] },
      FunctionArn: fnArn('my-fn'),
      LastModified: 'checked',
      LastProcessingResult: 'No records processed',
      State: 'Creating',
      StateTransitionReason: 'User action',
      DestinationConfig: { OnFailure: { Destination: dlqArn } },
      MaximumRecordAgeInSeconds: 3600,
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 2,
      TumblingWindowInSeconds: 60,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    };
    assert.deepEqual({ ...created, LastModified: 'checked' }, expected);

    await fx.waitForMappingState(cliUuid, 'Enabled');
    const got = await fx.cli.json('lambda', 'get-event-source-mapping', '--uuid', cliUuid);
    assert.deepEqual({ ...got, LastModified: 'checked' }, { ...expected, State: 'Enabled' });

    const listed = await fx.cli.json('lambda', 'list-event-source-mappings', '--function-name', 'my-fn');
    const items = listed!['EventSourceMappings'] as Record<string, unknown>[];
    assert.deepEqual(items.map((m) => ({ ...m, LastModified: 'checked' })), [{ ...expected, State: 'Enabled' }]);
  });

  test('update --no-enabled: Disabling then Disabled; --batch-size 10: Updating; delete: Deleting, then get is 404', async () => {
    const disabling = await fx.cli.json('lambda', 'update-event-source-mapping', '--uuid', cliUuid, '--no-enabled');
    assert.equal(disabling!['State'], 'Disabling');
    await fx.waitForMappingState(cliUuid, 'Disabled');

    const updating = await fx.cli.json('lambda', 'update-event-source-mapping', '--uuid', cliUuid, '--batch-size', '10');
    assert.equal(updating!['State'], 'Updating');
    assert.equal(updating!['BatchSize'], 10);
    assert.equal(updating!['ParallelizationFactor'], 2, 'fields not given keep their values');
    const settled = await fx.waitForMappingState(cliUuid, 'Disabled');
    assert.equal(settled.BatchSize, 10);

    const deleting = await fx.cli.json('lambda', 'delete-event-source-mapping', '--uuid', cliUuid);
    assert.equal(deleting!['State'], 'Deleting');
    assert.equal(deleting!['UUID'], cliUuid);
    const line = await fx.cli.error('lambda', 'get-event-source-mapping', '--uuid', cliUuid);
    assert.equal(line, 'An error occurred (ResourceNotFoundException) when calling the GetEventSourceMapping operation: The resource you requested does not exist.');
  });
});

describe('event source mappings through the SDK v3', () => {
  let sdkUuid: string;

  test('CreateEventSourceMapping answers 202 with the documented defaults', async () => {
    const created = await fx.lambda.send(new CreateEventSourceMappingCommand({ FunctionName: 'my-fn-2', EventSourceArn: s1, StartingPosition: 'LATEST' }));
    assert.equal(created.$metadata.httpStatusCode, 202);
    sdkUuid = created.UUID!;
    assert.match(sdkUuid, UUID);
    assert.ok(created.LastModified instanceof Date && Math.abs(created.LastModified.getTime() - Date.now()) < 60_000);
    const { $metadata, LastModified, ...rest } = created;
    assert.deepEqual(rest, {
      UUID: sdkUuid,
      EventSourceMappingArn: `arn:aws:lambda:${REGION}:${ACCOUNT}:event-source-mapping:${sdkUuid}`,
      EventSourceArn: s1,
      FunctionArn: fnArn('my-fn-2'),
      BatchSize: 100,
      MaximumBatchingWindowInSeconds: 0,
      ParallelizationFactor: 1,
      StartingPosition: 'LATEST',
      MaximumRecordAgeInSeconds: -1,
      MaximumRetryAttempts: -1,
      BisectBatchOnFunctionError: false,
      DestinationConfig: { OnFailure: {} },
      FunctionResponseTypes: [],
      TumblingWindowInSeconds: 0,
      LastProcessingResult: 'No records processed',
      State: 'Creating',
      StateTransitionReason: 'User action',
    });
    await fx.waitForMappingState(sdkUuid, 'Enabled');
  });

  test('ListEventSourceMappings filters by stream and function (name or ARN) and pages with MaxItems', async () => {
    const third = await fx.createMapping({ FunctionName: fnArn('my-fn-3'), EventSourceArn: s1, StartingPosition: 'TRIM_HORIZON' });
    assert.equal(third.FunctionArn, fnArn('my-fn-3'));
    const byArn = await fx.lambda.send(new ListEventSourceMappingsCommand({ FunctionName: fnArn('my-fn-2') }));
    assert.deepEqual(byArn.EventSourceMappings!.map((m) => m.UUID), [sdkUuid]);
    const byStream = await fx.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: s1 }));
    assert.deepEqual(byStream.EventSourceMappings!.map((m) => m.UUID).sort(), [sdkUuid, third.UUID].sort());
    const none = await fx.lambda.send(new ListEventSourceMappingsCommand({ EventSourceArn: fx.streamArn('other') }));
    assert.deepEqual(none.EventSourceMappings, []);

    const seen: string[] = [];
    let marker: string | undefined;
    for (let page = 0; page < 5; page++) {
      const out = await fx.lambda.send(new ListEventSourceMappingsCommand({ MaxItems: 1, Marker: marker }));
      assert.equal(out.EventSourceMappings!.length, 1);
      seen.push(out.EventSourceMappings![0]!.UUID!);
      marker = out.NextMarker;
      if (marker === undefined) break;
    }
    assert.deepEqual(seen.sort(), [sdkUuid, third.UUID].sort());
  });

  test('a mapping outlives its deleted function; DeleteEventSourceMapping answers 202 Deleting, then 404', async () => {
    await fx.lambda.send(new DeleteFunctionCommand({ FunctionName: 'my-fn-2' }));
    const still = await fx.lambda.send(new GetEventSourceMappingCommand({ UUID: sdkUuid }));
    assert.equal(still.State, 'Enabled');

    const deleted = await fx.lambda.send(new DeleteEventSourceMappingCommand({ UUID: sdkUuid }));
    assert.equal(deleted.$metadata.httpStatusCode, 202);
    assert.equal(deleted.State, 'Deleting');
    await assert.rejects(fx.lambda.send(new GetEventSourceMappingCommand({ UUID: sdkUuid })), (err: Error & { $metadata?: { httpStatusCode?: number } }) => {
      assert.equal(err.name, 'ResourceNotFoundException');
      assert.equal(err.message, 'The resource you requested does not exist.');
      assert.equal(err.$metadata?.httpStatusCode, 404);
      return true;
    });
  });
});

describe('routes', () => {
  const auth = { Authorization: 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240101/us-east-1/lambda/aws4_request, SignedHeaders=host, Signature=00', 'X-Amz-Date': '20240101T000000Z' };

  test('list and create work with and without the trailing slash', async () => {
    const lists = [];
    for (const path of ['/2015-03-31/event-source-mappings', '/2015-03-31/event-source-mappings/']) {
      const res = await fetch(`${fx.server.url}${path}?FunctionName=my-fn-3`, { headers: auth });
      assert.equal(res.status, 200, path);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      assert.match(res.headers.get('x-amzn-requestid') ?? '', UUID);
      lists.push(((await res.json()) as { EventSourceMappings: { UUID: string }[] }).EventSourceMappings.map((m) => m.UUID));
    }
    assert.equal(lists[0]!.length, 1);
    assert.deepEqual(lists[0], lists[1]);

    await fx.createStream('s2');
    for (const [path, fn] of [['/2015-03-31/event-source-mappings', 'my-fn'], ['/2015-03-31/event-source-mappings/', 'my-fn-3']] as const) {
      const res = await fetch(`${fx.server.url}${path}`, {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ FunctionName: fn, EventSourceArn: fx.streamArn('s2'), StartingPosition: 'LATEST' }),
      });
      assert.equal(res.status, 202, path);
      assert.equal(((await res.json()) as { State: string }).State, 'Creating');
    }
  });
});
