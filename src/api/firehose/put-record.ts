// PutRecord: one record, acknowledged once durable in the stream's DirectPut log.

import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';
import { requireDirectPut } from './require-direct-put.js';

export const putRecord: Operation<FirehoseDeps> = {
  name: 'PutRecord',
  async handle(input, deps) {
    const stream = requireDirectPut(input, deps, [(input.Record as { Data: Buffer }).Data]);
    const [recordId] = await deps.ingest.put(stream, [(input.Record as { Data: Buffer }).Data]);
    return { RecordId: recordId!, Encrypted: stream.encryption.status === 'ENABLED' };
  },
};
