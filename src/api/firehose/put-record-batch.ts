// PutRecordBatch: up to 500 records and 4 MiB, acknowledged once durable; one entry per record in
// RequestResponses, in order (a failed append fails its entries, not the call).

import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';
import { requireDirectPut } from './require-direct-put.js';

export const putRecordBatch: Operation<FirehoseDeps> = {
  name: 'PutRecordBatch',
  async handle(input, deps) {
    const data = (input.Records as { Data: Buffer }[]).map((r) => r.Data);
    const stream = requireDirectPut(input, deps, data);
    const encrypted = stream.encryption.status === 'ENABLED';
    try {
      const ids = await deps.ingest.put(stream, data);
      return { FailedPutCount: 0, Encrypted: encrypted, RequestResponses: ids.map((RecordId) => ({ RecordId })) };
    } catch {
      return {
        FailedPutCount: data.length,
        Encrypted: encrypted,
        RequestResponses: data.map(() => ({ ErrorCode: 'ServiceUnavailableException', ErrorMessage: 'Slow down.' })),
      };
    }
  },
};
