// Pre-resolved Kinesis handles per stream and per shard, so the put and get paths pay one Map
// lookup per call (per shard of a PutRecords batch), never a label hash per record. Handles are
// created on first use, so a series appears only once something happened to it.

import type { CounterHandle, GaugeHandle, HotKeyHandle, MetricLabels, MetricsHub, TimerHandle } from './metrics-hub.js';

export interface ShardWriteMeters {
  readonly incomingRecords: CounterHandle;
  readonly incomingBytes: CounterHandle;
  readonly hotKeys: HotKeyHandle;
  /** Tributary never throttles today; the series exist (at 0) so dashboards find them. */
  readonly writeThrottled: CounterHandle;
}

export interface ShardReadMeters {
  readonly getBytes: CounterHandle;
  readonly getRecords: CounterHandle;
  readonly iteratorAge: GaugeHandle;
  readonly readThrottled: CounterHandle;
}

/** One stream's handles; each group is created on first use. */
export class StreamMeters {
  private readonly writers = new Map<string, ShardWriteMeters>();
  private readonly readers = new Map<string, ShardReadMeters>();
  private readonly handles = new Map<string, CounterHandle & GaugeHandle & TimerHandle>();
  private readonly labels: MetricLabels;

  constructor(private readonly hub: MetricsHub, readonly streamName: string) {
    this.labels = { StreamName: streamName };
  }

  counter(metric: string): CounterHandle {
    return this.handle(metric, 'counter');
  }

  timer(metric: string): TimerHandle {
    return this.handle(metric, 'timer');
  }

  gauge(metric: string): GaugeHandle {
    return this.handle(metric, 'gauge');
  }

  writeShard(shardId: string): ShardWriteMeters {
    let meters = this.writers.get(shardId);
    if (meters === undefined) {
      const l = { StreamName: this.streamName, ShardId: shardId };
      meters = {
        incomingRecords: this.hub.counter('kinesis:IncomingRecords', l),
        incomingBytes: this.hub.counter('kinesis:IncomingBytes', l),
        hotKeys: this.hub.hotKeys('kinesis:IncomingRecords', 'PartitionKey', l),
        writeThrottled: this.hub.counter('kinesis:WriteProvisionedThroughputExceeded', l),
      };
      this.counter('kinesis:WriteProvisionedThroughputExceeded');
      this.writers.set(shardId, meters);
    }
    return meters;
  }

  readShard(shardId: string): ShardReadMeters {
    let meters = this.readers.get(shardId);
    if (meters === undefined) {
      const l = { StreamName: this.streamName, ShardId: shardId };
      meters = {
        getBytes: this.hub.counter('kinesis:GetRecords.Bytes', l),
        getRecords: this.hub.counter('kinesis:GetRecords.Records', l),
        iteratorAge: this.hub.gauge('kinesis:GetRecords.IteratorAgeMilliseconds', l),
        readThrottled: this.hub.counter('kinesis:ReadProvisionedThroughputExceeded', l),
      };
      this.counter('kinesis:ReadProvisionedThroughputExceeded');
      this.readers.set(shardId, meters);
    }
    return meters;
  }

  private handle(metric: string, kind: 'counter' | 'gauge' | 'timer'): CounterHandle & GaugeHandle & TimerHandle {
    let found = this.handles.get(metric);
    if (found === undefined) {
      const h = kind === 'counter' ? this.hub.counter(metric, this.labels) : kind === 'gauge' ? this.hub.gauge(metric, this.labels) : this.hub.timer(metric, this.labels);
      found = h as CounterHandle & GaugeHandle & TimerHandle;
      this.handles.set(metric, found);
    }
    return found;
  }
}

export class KinesisMeters {
  private readonly streams = new Map<string, StreamMeters>();

  constructor(private readonly hub: MetricsHub) {}

  stream(streamName: string): StreamMeters {
    let found = this.streams.get(streamName);
    if (found === undefined) {
      found = new StreamMeters(this.hub, streamName);
      this.streams.set(streamName, found);
    }
    return found;
  }
}
