import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { StoredDeliveryStream } from '../delivery/delivery-stream-registry.js';
import type { DestinationSettings } from '../delivery/delivery-stream-definition.js';
import { DeliveryJournal } from '../delivery/pipeline/delivery-journal.js';
import { StreamMeters } from '../delivery/pipeline/stream-meters.js';
import type { Sink, SinkBatch } from '../delivery/sink.js';
import { ManualClock } from '../engine/clock.js';
import { MetricsHub } from '../metrics/metrics-hub.js';
import { handleApi } from './console-api.js';
import type { ConsoleDeps } from './console-deps.js';
import type { DeliveryStreamSummary, DeliveryStreamView } from './delivery-views.js';

const T0 = 1_700_000_000_000;
const MIB = 1024 * 1024;

function stored(name: string, settings: DestinationSettings, extra: Partial<StoredDeliveryStream> = {}): StoredDeliveryStream {
  return {
    name, id: 'abc', arn: `arn:aws:firehose:us-east-1:000000000000:deliverystream/${name}`, type: 'DirectPut',
    createdAt: T0, readyAt: T0, versionId: 1, destinationKind: 'ExtendedS3', destinationConfig: {},
    destination: {
      destinationId: 'destinationId-000000000001', settings,
      bufferingHints: { sizeInMBs: 2, intervalInSeconds: 60 },
      processing: { appendNewline: false },
      format: { appendNewline: false, compression: 'GZIP' },
    },
    tags: {}, encryption: { status: 'DISABLED' },
    ...extra,
  };
}

const batch = (key: string, records: number, bodyBytes: number): SinkBatch => ({
  objectKey: key, body: Buffer.alloc(bodyBytes),
  records: Array.from({ length: records }, (_, i) => ({ recordId: `r${i}`, data: Buffer.from('x'), approximateArrivalTimestamp: T0 })),
});

function setup(withMetrics = true, objectStoreEndpoint?: string) {
  const clock = new ManualClock(T0);
  const hub = new MetricsHub({ clock });
  const journal = new DeliveryJournal({ now: () => clock.now() });
  const streams = [
    stored('to-files', { kind: 's3', bucket: 'orders-bucket', prefix: 'orders/' }),
    stored('to-pg', { kind: 'postgres', connectionString: 'postgres://admin:s3cret@db.local:5432/shop?sslmode=disable', table: 'orders' }, {
      type: 'KinesisStreamAsSource', source: { kinesisStreamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/orders', roleArn: 'r', deliveryStartTimestamp: T0 },
    }),
  ];
  const deps: ConsoleDeps = {
    streams: { list: () => [] } as unknown as ConsoleDeps['streams'],
    log: {} as ConsoleDeps['log'],
    region: 'us-east-1',
    now: () => clock.now(),
    ...(withMetrics ? { metrics: hub } : {}),
    deliveryStreams: { list: () => streams, statusOf: (s) => (clock.now() >= s.readyAt ? 'ACTIVE' : 'CREATING'), journal: (n) => journal.snapshot(n), ...(objectStoreEndpoint !== undefined ? { objectStoreEndpoint } : {}) },
  };
  const meters = new StreamMeters(withMetrics ? hub : undefined, 'to-files', clock, journal);
  const call = async <T>(path: string): Promise<{ status: number; json: T }> => {
    const url = new URL(path, 'http://x');
    const r = await handleApi(deps, { method: 'GET', path: url.pathname, query: url.searchParams, body: Buffer.alloc(0) });
    return { status: r.status, json: r.json as T };
  };
  return { clock, meters, call };
}

describe('console API: delivery streams', () => {
  test('lists every stream with source, destination (secrets removed), hints, levels and totals', async () => {
    const { clock, meters, call } = setup();
    meters.incoming([{ data: Buffer.alloc(100) }, { data: Buffer.alloc(200) }]);
    meters.buffered(MIB / 2, T0 - 1500);
    meters.spooled(4096);
    clock.advance(500);
    const { status, json } = await call<{ deliveryStreams: DeliveryStreamSummary[] }>('/delivery-streams');
    assert.equal(status, 200);
    const [files, pg] = json.deliveryStreams;
    assert.deepEqual(files, {
      name: 'to-files', arn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/to-files', status: 'ACTIVE', createdAt: T0, versionId: 1,
      source: { kind: 'DirectPut', streamName: null, streamArn: null },
      destination: { kind: 'file', target: 'orders-bucket/orders/', prefix: 'orders/', table: null, compression: 'GZIP', format: 'raw' },
      bufferingHints: { sizeInMBs: 2, intervalInSeconds: 60 },
      metricsEnabled: true, bufferedBytes: MIB / 2, bufferLimitBytes: 2 * MIB, bufferFill: 0.25, dataFreshnessMs: 2000, spooledBytes: 4096,
      totals: { deliveries: 0, deliveredRecords: 0, deliveredBytes: 0, failedAttempts: 0 },
    });
    assert.deepEqual(pg!.source, { kind: 'KinesisStreamAsSource', streamName: 'orders', streamArn: 'arn:aws:kinesis:us-east-1:000000000000:stream/orders' });
    assert.deepEqual(pg!.destination, { kind: 'postgres', target: 'orders in postgres://db.local:5432/shop', prefix: null, table: 'orders', compression: 'GZIP', format: 'raw' });
    assert.equal(JSON.stringify(json).includes('s3cret'), false);
  });

  test('one stream: series, window sums, last deliveries and failures with their attempts', async () => {
    const { clock, meters, call } = setup();
    let fail = 2;
    const sink: Sink = {
      deliver: async () => {
        if (fail-- > 0) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      },
      close: async () => {},
    };
    const watched = meters.watch(sink, 'main');
    meters.incoming([{ data: Buffer.alloc(10) }, { data: Buffer.alloc(10) }, { data: Buffer.alloc(10) }]);
    const b = batch('orders/2023/11/14/22/to-files-1-2023-11-14-22-13-20-x.gz', 3, 25);
    for (let i = 0; i < 2; i++) {
      clock.advance(1000);
      await assert.rejects(watched.deliver(b), /disk full/);
    }
    clock.advance(1000);
    await watched.deliver(b);
    meters.delivered('main', b);
    meters.buffered(0, Number.POSITIVE_INFINITY);

    const { status, json: v } = await call<DeliveryStreamView>('/delivery-streams/to-files');
    assert.equal(status, 200);
    assert.deepEqual(v.window, { incomingRecords: 3, incomingBytes: 30, deliveredRecords: 3, deliveredBytes: 25 });
    assert.deepEqual(v.totals, { deliveries: 1, deliveredRecords: 3, deliveredBytes: 25, failedAttempts: 2 });
    assert.equal(v.dataFreshnessMs, 0);
    assert.deepEqual(v.delivered, [{ role: 'main', key: b.objectKey, records: 3, bytes: 25, atMs: T0 + 3000, attempts: 3 }]);
    assert.deepEqual(v.failures.map((f) => [f.errorType, f.message, f.attempts, f.atMs]), [['ENOSPC', 'disk full', 2, T0 + 2000], ['ENOSPC', 'disk full', 1, T0 + 1000]]);
    assert.equal(v.series.incomingRecords.v.reduce((a, x) => a + x, 0), 3);
    assert.equal(v.sinceMs, T0 + 3000 - 15 * 60_000);
  });

  test('with an S3 endpoint configured, S3 destinations show as s3, not as directory buckets', async () => {
    const { call } = setup(true, 'http://127.0.0.1:4568');
    const { json } = await call<{ deliveryStreams: DeliveryStreamSummary[] }>('/delivery-streams');
    assert.deepEqual(json.deliveryStreams[0]!.destination, { kind: 's3', target: 'orders-bucket/orders/', prefix: 'orders/', table: null, compression: 'GZIP', format: 'raw' });
  });

  test('without metrics the levels and journal still show; unknown stream is 404', async () => {
    const { meters, call } = setup(false);
    meters.delivered('main', batch('k', 2, 9));
    const { json } = await call<DeliveryStreamView>('/delivery-streams/to-files');
    assert.equal(json.metricsEnabled, false);
    assert.deepEqual(json.series.incomingRecords, { t: [], v: [] });
    assert.equal(json.totals.deliveredRecords, 2);
    assert.deepEqual(await call('/delivery-streams/nope'), { status: 404, json: { error: 'delivery stream nope not found' } });
    assert.deepEqual((await call<{ status: number }>('/delivery-streams/to-files?sinceMs=abc')).status, 400);
  });
});
