// ESM.md §12.6 (§3): disabling a mapping stops deliveries; re-enabling resumes from the checkpoint
// (the records written meanwhile arrive, nothing earlier is redelivered); so does an update of
// another parameter. Driven through the AWS CLI.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler, recordText, type RecordedInvocation } from './support/esm-handler.js';

const STREAM = 'toggle-stream';
/** How long "nothing happens" is watched for; longer than the 1 s idle poll interval of ESM.md §3. */
const QUIET_MS = 2500;

let fx: EsmFixture;

before(async () => {
  fx = await EsmFixture.start();
});

after(async () => {
  await fx?.close();
});

const texts = (invocations: readonly RecordedInvocation[]): string[] => invocations.flatMap((i) => i.event.Records.map(recordText));

describe('enable and disable', () => {
  test('disabled: no deliveries; re-enabled: the records written meanwhile arrive once; an update resumes from the checkpoint', async () => {
    const streamArn = await fx.createStream(STREAM);
    const fn = await fx.createFunction('toggle-fn', recordingHandler('return null;'));
    const created = await fx.cli.json(
      'lambda', 'create-event-source-mapping',
      '--function-name', fn.name, '--event-source-arn', streamArn, '--starting-position', 'TRIM_HORIZON',
    );
    assert.equal(created!['State'], 'Creating');
    const uuid = String(created!['UUID']);
    await fx.waitForMappingState(uuid, 'Enabled');

    await fx.put(STREAM, [{ key: 'k', data: 'r1' }]);
    await fx.waitForInvocations(fn, (all) => texts(all).includes('r1'), 'r1 delivered');

    const disabling = await fx.cli.json('lambda', 'update-event-source-mapping', '--uuid', uuid, '--no-enabled');
    assert.equal(disabling!['State'], 'Disabling');
    await fx.waitForMappingState(uuid, 'Disabled');

    await fx.put(STREAM, [{ key: 'k', data: 'r2' }, { key: 'k', data: 'r3' }]);
    await sleep(QUIET_MS); // absence cannot be polled for: watch for a while
    assert.deepEqual(texts(fn.invocations()), ['r1']);

    const enabling = await fx.cli.json('lambda', 'update-event-source-mapping', '--uuid', uuid, '--enabled');
    assert.equal(enabling!['State'], 'Enabling');
    await fx.waitForMappingState(uuid, 'Enabled');
    await fx.waitForInvocations(fn, (all) => texts(all).includes('r3'), 'r2 and r3 delivered after re-enabling');
    assert.deepEqual(texts(fn.invocations()), ['r1', 'r2', 'r3']);

    const updating = await fx.cli.json('lambda', 'update-event-source-mapping', '--uuid', uuid, '--batch-size', '10');
    assert.equal(updating!['State'], 'Updating');
    assert.equal(updating!['BatchSize'], 10);
    await fx.waitForMappingState(uuid, 'Enabled');
    await fx.put(STREAM, [{ key: 'k', data: 'r4' }]);
    await fx.waitForInvocations(fn, (all) => texts(all).includes('r4'), 'r4 delivered after the update');
    assert.deepEqual(texts(fn.invocations()), ['r1', 'r2', 'r3', 'r4']);
  });

  test('a mapping created disabled delivers nothing until enabled, then starts at its starting position', async () => {
    const fn = await fx.createFunction('created-off-fn', recordingHandler('return null;'));
    const mapping = await fx.createMapping({ FunctionName: fn.name, EventSourceArn: fx.streamArn(STREAM), StartingPosition: 'TRIM_HORIZON', Enabled: false });
    assert.equal(mapping.State, 'Disabled');
    await sleep(QUIET_MS);
    assert.deepEqual(fn.invocations(), []);
    await fx.cli.json('lambda', 'update-event-source-mapping', '--uuid', mapping.UUID!, '--enabled');
    await fx.waitForMappingState(mapping.UUID!, 'Enabled');
    await fx.waitForInvocations(fn, (all) => texts(all).includes('r4'), 'all four records');
    assert.deepEqual(texts(fn.invocations()), ['r1', 'r2', 'r3', 'r4']);
  });
});
