// MappingTelemetry backed by the MetricsHub: the CloudWatch event counts per mapping, IteratorAge
// per mapping and shard, and the lanes' probes, gathered into a MappingStatus on demand.

import type { MappingTelemetry } from '../mappings/engine/mapping-telemetry.js';
import type { LaneStatus } from './mapping-status.js';
import { laneReason } from './mapping-status.js';
import type { CounterHandle, GaugeHandle, MetricsHub } from './metrics-hub.js';

export class MappingMeters implements MappingTelemetry {
  private readonly probes = new Map<string, () => LaneStatus>();
  private readonly parked = new Map<string, readonly string[]>();
  private readonly shardAges = new Map<string, GaugeHandle>();
  private readonly polledCount: CounterHandle;
  private readonly filteredCount: CounterHandle;
  private readonly invokedCount: CounterHandle;
  private readonly failedCount: CounterHandle;
  private readonly droppedCount: CounterHandle;
  private readonly deliveredCount: CounterHandle;
  private readonly age: GaugeHandle;

  constructor(private readonly hub: MetricsHub, readonly uuid: string) {
    const l = { EventSourceMappingUUID: uuid };
    this.polledCount = hub.counter('lambda:PolledEventCount', l);
    this.filteredCount = hub.counter('lambda:FilteredOutEventCount', l);
    this.invokedCount = hub.counter('lambda:InvokedEventCount', l);
    this.failedCount = hub.counter('lambda:FailedInvokeEventCount', l);
    this.droppedCount = hub.counter('lambda:DroppedEventCount', l);
    this.deliveredCount = hub.counter('lambda:OnFailureDestinationDeliveredEventCount', l);
    this.age = hub.gauge('lambda:IteratorAge', l);
  }

  polled(n: number): void {
    this.polledCount.add(n);
  }

  filteredOut(n: number): void {
    this.filteredCount.add(n);
  }

  invoked(n: number, shardId: string, iteratorAgeMs: number): void {
    this.invokedCount.add(n);
    this.age.set(iteratorAgeMs);
    let shardAge = this.shardAges.get(shardId);
    if (shardAge === undefined) {
      shardAge = this.hub.gauge('lambda:IteratorAge', { EventSourceMappingUUID: this.uuid, ShardId: shardId });
      this.shardAges.set(shardId, shardAge);
    }
    shardAge.set(iteratorAgeMs);
  }

  failedInvoke(n: number): void {
    this.failedCount.add(n);
  }

  dropped(n: number): void {
    this.droppedCount.add(n);
  }

  delivered(n: number): void {
    this.deliveredCount.add(n);
  }

  attach(shardId: string, probe: () => LaneStatus): () => void {
    this.parked.delete(shardId);
    this.probes.set(shardId, probe);
    return () => {
      if (this.probes.get(shardId) === probe) this.probes.delete(shardId);
    };
  }

  waiting(shardId: string, parentShardIds: readonly string[]): void {
    if (parentShardIds.length === 0) this.parked.delete(shardId);
    else if (!this.probes.has(shardId)) this.parked.set(shardId, [...parentShardIds]);
  }

  /** Every running or waiting shard, by shard id; also writes the lag gauges. */
  lanes(): LaneStatus[] {
    const lanes: LaneStatus[] = [];
    for (const probe of this.probes.values()) lanes.push(probe());
    for (const [shardId, parentShardIds] of this.parked) {
      const state = { kind: 'waiting-for-parent', parentShardIds } as const;
      lanes.push({ shardId, lagRecords: 0, lagMs: 0, state, reason: laneReason(state) });
    }
    lanes.sort((a, b) => (a.shardId < b.shardId ? -1 : a.shardId > b.shardId ? 1 : 0));
    for (const lane of lanes) {
      const l = { EventSourceMappingUUID: this.uuid, ShardId: lane.shardId };
      this.hub.gauge('lambda:MappingLagRecords', l).set(lane.lagRecords);
      this.hub.gauge('lambda:MappingLagMilliseconds', l).set(lane.lagMs);
    }
    return lanes;
  }
}
