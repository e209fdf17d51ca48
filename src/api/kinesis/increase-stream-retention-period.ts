// IncreaseStreamRetentionPeriod: sets the retention period (24..8760 hours); it may only increase it.

import type { Operation } from '../operation.js';
import { checkRetentionChange } from '../../engine/streams/stream-retention.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';

export const increaseStreamRetentionPeriod: Operation<KinesisDeps> = {
  name: 'IncreaseStreamRetentionPeriod',
  async handle(input, { streams }) {
    const hours = input['RetentionPeriodHours'] as number;
    await streams.update(streamRefOf(input), (stream) => {
      checkRetentionChange(stream, hours, 'increase');
      return { retentionHours: hours };
    });
    return {};
  },
};
