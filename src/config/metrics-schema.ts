// The `metrics.*` settings: whether metrics are collected, and the bounds of the in-process time
// series the console reads (docs/decisions/0008-metrics.md explains the choices).

import { Type } from '@sinclair/typebox';

export const MetricsSchema = Type.Object(
  {
    enabled: Type.Boolean({ default: true, description: 'Collect metrics (/metrics, console charts); off only to measure their cost' }),
    retentionSeconds: Type.Integer({ minimum: 60, maximum: 86_400, default: 3600, description: 'How far back the in-process time series reach' }),
    shardResolutionSeconds: Type.Integer({ minimum: 1, maximum: 3600, default: 10, description: 'Slot width of per-shard series (other series have 1-second slots)' }),
    memoryBytes: Type.Integer({
      minimum: 65_536,
      default: 64 * 1024 * 1024,
      description: 'Memory budget of all time series; beyond it the least recently written series loses its history',
    }),
    hotKeys: Type.Integer({ minimum: 1, maximum: 1000, default: 32, description: 'Partition keys tracked per shard for the hot-key view' }),
  },
  { default: {}, additionalProperties: false },
);
