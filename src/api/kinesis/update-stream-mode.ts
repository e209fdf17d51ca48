// UpdateStreamMode: switches a stream between PROVISIONED and ON_DEMAND (UPDATING, then ACTIVE),
// checking the limit of the mode it enters.

import type { Operation } from '../operation.js';
import type { StreamMode } from '../../engine/streams/stream-state.js';
import type { KinesisDeps } from './kinesis-deps.js';

export const updateStreamMode: Operation<KinesisDeps> = {
  name: 'UpdateStreamMode',
  async handle(input, { streams }) {
    const details = input['StreamModeDetails'] as { StreamMode: StreamMode };
    const warm = input['WarmThroughputMiBps'] as number | undefined;
    await streams.setMode({ streamArn: input['StreamARN'] as string }, details.StreamMode, warm);
    return {};
  },
};
