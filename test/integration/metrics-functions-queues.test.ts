// GET /metrics through a real server after known function, event source mapping and queue
// workloads: exact per-function, per-mapping and per-queue values with their labels.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { InvokeCommand } from '@aws-sdk/client-lambda';
import { ReceiveMessageCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { EsmFixture } from './support/esm-fixture.js';
import { recordingHandler } from './support/esm-handler.js';
import { pollUntil } from './support/poll-until.js';
import { parsePrometheusText, sampleValue, type Family } from './support/prometheus-text.js';

let fx: EsmFixture;

async function scrape(): Promise<{ families: Map<string, Family>; text: string }> {
  const res = await fetch(`${fx.server.url}/metrics`);
  assert.equal(res.status, 200);
  const text = await res.text();
  return { families: parsePrometheusText(text), text };
}

before(async () => {
  fx = await EsmFixture.start();
});

after(async () => {
  await fx?.close();
});

describe('GET /metrics for functions, mappings and queues', () => {
  test('Invoke: Invocations, Errors and Duration per function', async () => {
    const fn = await fx.createFunction('metrics-invoke-fn', recordingHandler(`if (event.fail) throw new Error('boom'); return { ok: true };`));
    for (const payload of [{}, { fail: true }, {}]) {
      await fx.lambda.send(new InvokeCommand({ FunctionName: fn.name, Payload: Buffer.from(JSON.stringify(payload)) }));
    }
    const { families, text } = await scrape();
    const labels = { function_name: fn.name };
    const context = `\n--- exposition ---\n${text}`;
    assert.equal(sampleValue(families, 'tributary_lambda_invocations_total', labels), 3, context);
    assert.equal(sampleValue(families, 'tributary_lambda_errors_total', labels), 1, context);
    assert.equal(sampleValue(families, 'tributary_lambda_duration_milliseconds_count', labels), 3, context);
    assert.equal(sampleValue(families, 'tributary_lambda_duration_milliseconds_bucket', { ...labels, le: '+Inf' }), 3, context);
    assert.equal(sampleValue(families, 'tributary_lambda_concurrent_executions', labels) ?? 0, 0, context);
  });

  test('a mapping with a filter: polled, filtered out and invoked counts, lag back to 0', async () => {
    const streamArn = await fx.createStream('metrics-esm-stream');
    const fn = await fx.createFunction('metrics-esm-fn', recordingHandler('return null;'));
    const mapping = await fx.createMapping({
      FunctionName: fn.name,
      EventSourceArn: streamArn,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ data: { keep: [true] } }) }] },
    });
    const uuid = mapping.UUID!;
    await fx.put('metrics-esm-stream', [
      { key: 'a', data: JSON.stringify({ keep: true, n: 1 }) },
      { key: 'a', data: JSON.stringify({ keep: false, n: 2 }) },
      { key: 'a', data: JSON.stringify({ keep: true, n: 3 }) },
      { key: 'a', data: JSON.stringify({ keep: true, n: 4 }) },
    ]);
    await fx.waitForInvocations(fn, (all) => all.flatMap((i) => i.event.Records).length === 3, 'three kept records delivered');

    const esm = { event_source_mapping_uuid: uuid };
    const lane = { ...esm, shard_id: 'shardId-000000000000' };
    // Counters may be bumped after the handler returned (when the batch is checkpointed): wait for
    // the expected values to show, then assert on that scrape (or on the last one after 10 s).
    const settled = (f: Map<string, Family>): boolean =>
      sampleValue(f, 'tributary_lambda_shard_mapping_lag_records', lane) === 0
      && sampleValue(f, 'tributary_lambda_polled_event_count_total', esm) === 4
      && sampleValue(f, 'tributary_lambda_invoked_event_count_total', esm) === 3;
    const { families, text } = await pollUntil(async () => {
      const scraped = await scrape();
      return settled(scraped.families) ? scraped : undefined;
    }, `mapping ${uuid} settled in /metrics`, 10_000, 100).catch(() => scrape());
    const context = `\n--- exposition ---\n${text}`;
    assert.equal(sampleValue(families, 'tributary_lambda_shard_mapping_lag_records', lane), 0, context);
    assert.equal(sampleValue(families, 'tributary_lambda_polled_event_count_total', esm), 4, context);
    assert.equal(sampleValue(families, 'tributary_lambda_filtered_out_event_count_total', esm), 1, context);
    assert.equal(sampleValue(families, 'tributary_lambda_invoked_event_count_total', esm), 3, context);
    assert.equal(sampleValue(families, 'tributary_lambda_failed_invoke_event_count_total', esm) ?? 0, 0, context);
    assert.equal(sampleValue(families, 'tributary_lambda_dropped_event_count_total', esm) ?? 0, 0, context);
    assert.equal(sampleValue(families, 'tributary_lambda_invocations_total', { function_name: fn.name }), fn.invocations().length, context);
    assert.equal(sampleValue(families, 'tributary_lambda_errors_total', { function_name: fn.name }) ?? 0, 0, context);
  });

  test('queues: visible, in-flight and delayed messages', async () => {
    const queue = await fx.createQueue('metrics-queue');
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'one' }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'two' }));
    await fx.sqs.send(new SendMessageCommand({ QueueUrl: queue.url, MessageBody: 'later', DelaySeconds: 600 }));
    const received = await fx.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 1, VisibilityTimeout: 600 }));
    assert.equal(received.Messages?.length, 1);
    const { families, text } = await scrape();
    const labels = { queue_name: 'metrics-queue' };
    const context = `\n--- exposition ---\n${text}`;
    assert.equal(sampleValue(families, 'tributary_sqs_approximate_number_of_messages_visible', labels), 1, context);
    assert.equal(sampleValue(families, 'tributary_sqs_approximate_number_of_messages_not_visible', labels), 1, context);
    assert.equal(sampleValue(families, 'tributary_sqs_approximate_number_of_messages_delayed', labels), 1, context);
  });
});
