// CreateStream: a PROVISIONED stream with ShardCount shards (4 when omitted) or an ON_DEMAND
// stream (4 shards), CREATING for the configured delay, then ACTIVE.

import type { Operation } from '../operation.js';
import type { StreamMode } from '../../engine/streams/stream-state.js';
import type { KinesisDeps } from './kinesis-deps.js';

export const createStream: Operation<KinesisDeps> = {
  name: 'CreateStream',
  async handle(input, { streams }) {
    const details = input['StreamModeDetails'] as { StreamMode?: StreamMode } | undefined;
    const shardCount = input['ShardCount'] as number | undefined;
    const tags = input['Tags'] as Record<string, string> | undefined;
    const warm = input['WarmThroughputMiBps'] as number | undefined;
    const maxRecordSize = input['MaxRecordSizeInKiB'] as number | undefined;
    await streams.create({
      name: input['StreamName'] as string,
      mode: details?.StreamMode ?? 'PROVISIONED',
      ...(shardCount !== undefined && { shardCount }),
      ...(tags !== undefined && { tags }),
      ...(warm !== undefined && { warmThroughputMiBps: warm }),
      ...(maxRecordSize !== undefined && { maxRecordSizeKiB: maxRecordSize }),
    });
    return {};
  },
};
