// The delivery-stream metrics one runner emits (names in src/metrics/metric-catalogue.ts).

import type { Clock } from '../../engine/clock.js';
import type { CounterHandle, GaugeHandle, MetricsHub } from '../../metrics/metrics-hub.js';
import type { Sink, SinkBatch } from '../sink.js';
import type { DeliveryJournal } from './delivery-journal.js';
import type { SinkRole } from './delivery-spool.js';

export class StreamMeters {
  private readonly c: Record<string, CounterHandle | undefined> = {};
  private readonly g: Record<string, GaugeHandle | undefined> = {};

  constructor(metrics: MetricsHub | undefined, private readonly name: string, private readonly clock: Clock, private readonly journal?: DeliveryJournal) {
    const labels = { DeliveryStreamName: name };
    for (const m of ['IncomingRecords', 'IncomingBytes', 'DeliveryToS3.Records', 'DeliveryToS3.Bytes', 'DeliveryToS3.Success']) {
      this.c[m] = metrics?.counter(`firehose:${m}`, labels);
    }
    for (const m of ['DeliveryToS3.DataFreshness', 'BufferedBytes', 'SpooledBytes']) this.g[m] = metrics?.gauge(`firehose:${m}`, labels);
  }

  incoming(records: readonly { data: Buffer }[]): void {
    this.c['IncomingRecords']?.add(records.length);
    this.c['IncomingBytes']?.add(records.reduce((n, r) => n + r.data.length, 0));
  }

  delivered(role: SinkRole, batch: SinkBatch): void {
    this.journal?.delivered(this.name, role, batch);
    if (role !== 'main') return;
    this.c['DeliveryToS3.Records']?.add(batch.records.length);
    this.c['DeliveryToS3.Bytes']?.add(batch.body.length);
    this.c['DeliveryToS3.Success']?.add(1);
  }

  /** Bytes in buffers and the arrival time of the oldest buffered record (Infinity when none). */
  buffered(bytes: number, oldestArrival: number): void {
    this.journal?.buffered(this.name, bytes, oldestArrival);
    this.g['BufferedBytes']?.set(bytes);
    this.g['DeliveryToS3.DataFreshness']?.set(oldestArrival === Number.POSITIVE_INFINITY ? 0 : Math.max(0, this.clock.now() - oldestArrival));
  }

  spooled(bytes: number): void {
    this.journal?.spooled(this.name, bytes);
    this.g['SpooledBytes']?.set(bytes);
  }

  /** `sink`, with every failed delivery attempt written to the journal (for the console). */
  watch(sink: Sink, role: SinkRole): Sink {
    const journal = this.journal;
    if (journal === undefined) return sink;
    return {
      deliver: (batch) => sink.deliver(batch).catch((err: unknown) => {
        journal.failed(this.name, role, batch, err);
        throw err;
      }),
      close: () => sink.close(),
    };
  }
}
