// UpdateMaxRecordSize: the largest record (data + partition key, KiB) the stream accepts and returns.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';

export const updateMaxRecordSize: Operation<KinesisDeps> = {
  name: 'UpdateMaxRecordSize',
  async handle(input, { streams }) {
    const kib = input['MaxRecordSizeInKiB'] as number;
    await streams.update({ streamArn: input['StreamARN'] as string }, () => ({ maxRecordSizeKiB: kib }));
    return {};
  },
};
