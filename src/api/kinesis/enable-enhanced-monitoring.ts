// EnableEnhancedMonitoring: enables shard-level metrics ("ALL" means every one) and reports the
// set before (Current) and after (Desired) the call. Metrics are recorded, not emitted to CloudWatch.

import type { Operation } from '../operation.js';
import { enableMetrics } from '../../engine/streams/enhanced-metrics.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';

export const enableEnhancedMonitoring: Operation<KinesisDeps> = {
  name: 'EnableEnhancedMonitoring',
  async handle(input, { streams }) {
    const metrics = input['ShardLevelMetrics'] as string[];
    let current: readonly string[] = [];
    const updated = await streams.update(streamRefOf(input), (s) => {
      current = s.shardLevelMetrics;
      return { shardLevelMetrics: enableMetrics(s.shardLevelMetrics, metrics) };
    });
    return {
      StreamName: updated.name,
      CurrentShardLevelMetrics: [...current],
      DesiredShardLevelMetrics: [...updated.shardLevelMetrics],
      StreamARN: updated.arn,
    };
  },
};
