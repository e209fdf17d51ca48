// DescribeLimits: the account's shard and on-demand stream limits and current usage.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';

export const describeLimits: Operation<KinesisDeps> = {
  name: 'DescribeLimits',
  async handle(_input, { streams }) {
    const limits = streams.limits();
    return {
      ShardLimit: limits.shardLimit,
      OpenShardCount: limits.openShardCount,
      OnDemandStreamCount: limits.onDemandStreamCount,
      OnDemandStreamCountLimit: limits.onDemandStreamCountLimit,
    };
  },
};
