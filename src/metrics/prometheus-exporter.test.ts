import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ManualClock } from '../engine/clock.js';
import { METRIC_CATALOGUE, prometheusLabel, prometheusName } from './metric-catalogue.js';
import { MetricsHub } from './metrics-hub.js';

/** A strict reader of the text format: HELP/TYPE lines, then `name{l="v",...} value` samples. */
function parse(text: string): Map<string, { type: string; help: string; samples: { name: string; labels: Record<string, string>; value: number }[] }> {
  const families = new Map<string, { type: string; help: string; samples: { name: string; labels: Record<string, string>; value: number }[] }>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      const family = families.get(meta[2]!) ?? { type: '', help: '', samples: [] };
      if (meta[1] === 'HELP') family.help = meta[3]!;
      else family.type = meta[3]!;
      families.set(meta[2]!, family);
      current = meta[2];
      continue;
    }
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.e+]+|NaN|\+Inf|-Inf)$/.exec(line);
    assert.ok(sample, `unparseable line: ${line}`);
    assert.ok(current !== undefined && sample[1]!.startsWith(current), `sample ${sample[1]} outside its family`);
    const labels: Record<string, string> = {};
    for (const pair of (sample[2] ?? '').split(/,(?=[a-z_]+=")/).filter((p) => p !== '')) {
      const m = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"$/.exec(pair);
      assert.ok(m, `bad label ${pair} in ${line}`);
      labels[m[1]!] = m[2]!;
    }
    families.get(current)!.samples.push({ name: sample[1]!, labels, value: Number(sample[3]) });
  }
  return families;
}

describe('Prometheus exposition', () => {
  test('names derive from the catalogue', () => {
    const byId = new Map(METRIC_CATALOGUE.map((m) => [m.id, m]));
    assert.equal(prometheusName(byId.get('kinesis:PutRecords.Latency')!), 'tributary_kinesis_put_records_latency_milliseconds');
    assert.equal(prometheusName(byId.get('kinesis:GetRecords.IteratorAgeMilliseconds')!), 'tributary_kinesis_get_records_iterator_age_milliseconds');
    assert.equal(prometheusName(byId.get('lambda:IteratorAge')!), 'tributary_lambda_iterator_age_milliseconds');
    assert.equal(prometheusName(byId.get('sqs:ApproximateNumberOfMessagesVisible')!), 'tributary_sqs_approximate_number_of_messages_visible');
    assert.equal(prometheusName(byId.get('lambda:OnFailureDestinationDeliveredEventCount')!), 'tributary_lambda_on_failure_destination_delivered_event_count_total');
    assert.equal(prometheusLabel('EventSourceMappingUUID'), 'event_source_mapping_uuid');
    assert.equal(new Set(METRIC_CATALOGUE.map(prometheusName)).size, METRIC_CATALOGUE.length);
  });

  test('parseable, typed, documented and labelled; shard series in their own family; values exact', async () => {
    const hub = new MetricsHub({ clock: new ManualClock() });
    hub.counter('kinesis:IncomingRecords', { StreamName: 'a "quoted" \\ name' }).add(7);
    hub.counter('kinesis:IncomingRecords', { StreamName: 's', ShardId: 'shardId-000000000001' }).add(3);
    hub.gauge('sqs:ApproximateNumberOfMessagesDelayed', { QueueName: 'q' }).set(4);
    const timer = hub.timer('lambda:Duration', { FunctionName: 'f' });
    timer.observe(3);
    timer.observe(700);
    const { contentType, body } = await hub.prometheus();
    assert.equal(contentType, 'text/plain; version=0.0.4; charset=utf-8');
    const families = parse(body);
    assert.deepEqual([...families.keys()].sort(), [
      'tributary_kinesis_incoming_records_total',
      'tributary_kinesis_shard_incoming_records_total',
      'tributary_lambda_duration_milliseconds',
      'tributary_sqs_approximate_number_of_messages_delayed',
    ]);
    for (const family of families.values()) {
      assert.ok(family.help.length > 0);
      for (const s of family.samples) assert.ok(Object.keys(s.labels).length > 0, `${s.name} has labels`);
    }
    assert.equal(families.get('tributary_kinesis_incoming_records_total')!.type, 'counter');
    assert.deepEqual(families.get('tributary_kinesis_incoming_records_total')!.samples, [
      { name: 'tributary_kinesis_incoming_records_total', labels: { stream_name: 'a \\"quoted\\" \\\\ name' }, value: 7 },
    ]);
    assert.deepEqual(families.get('tributary_kinesis_shard_incoming_records_total')!.samples[0]!.labels, { stream_name: 's', shard_id: 'shardId-000000000001' });
    assert.equal(families.get('tributary_sqs_approximate_number_of_messages_delayed')!.type, 'gauge');
    assert.equal(families.get('tributary_sqs_approximate_number_of_messages_delayed')!.samples[0]!.value, 4);
    const duration = families.get('tributary_lambda_duration_milliseconds')!;
    assert.equal(duration.type, 'histogram');
    const find = (name: string, le?: string) => duration.samples.find((s) => s.name === name && (le === undefined || s.labels.le === le))!.value;
    assert.equal(find('tributary_lambda_duration_milliseconds_count'), 2);
    assert.equal(find('tributary_lambda_duration_milliseconds_sum'), 703);
    assert.equal(find('tributary_lambda_duration_milliseconds_bucket', '5'), 1);
    assert.equal(find('tributary_lambda_duration_milliseconds_bucket', '1000'), 2);
  });

  test('counters keep counting across scrapes', async () => {
    const hub = new MetricsHub({ clock: new ManualClock() });
    const c = hub.counter('lambda:Invocations', { FunctionName: 'f' });
    c.add(1);
    await hub.prometheus();
    c.add(2);
    assert.match((await hub.prometheus()).body, /^tributary_lambda_invocations_total\{function_name="f"\} 3$/m);
  });
});
