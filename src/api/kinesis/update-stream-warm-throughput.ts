// UpdateStreamWarmThroughput: the warm throughput target of an ON_DEMAND stream (the account must
// have the throughput billing commitment). Recorded and reported; no throughput is enforced.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';

export const updateStreamWarmThroughput: Operation<KinesisDeps> = {
  name: 'UpdateStreamWarmThroughput',
  async handle(input, { streams }) {
    const target = input['WarmThroughputMiBps'] as number;
    const stream = await streams.setWarmThroughput(streamRefOf(input), target);
    return { StreamARN: stream.arn, StreamName: stream.name, WarmThroughput: { TargetMiBps: target, CurrentMiBps: target } };
  },
};
