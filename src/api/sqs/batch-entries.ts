// The rules every SQS batch operation shares: 1–10 entries, ids of [A-Za-z0-9_-]{1,80}, all
// distinct; and how one entry's failure is reported in the 200 response's `Failed` list.

import { AwsError } from '../../errors/aws-error.js';
import {
  batchEntryIdsNotDistinct,
  emptyBatchRequest,
  invalidBatchEntryId,
  SqsError,
  tooManyEntriesInBatchRequest,
} from '../../errors/sqs-errors.js';
import type { OperationInput } from '../operation.js';
import { mapSqsError } from './sqs-error-mapping.js';

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** The entries of a batch request, checked; `entryName` as in `SendMessageBatchRequestEntry`. */
export function batchEntries(input: OperationInput, entryName: string): OperationInput[] {
  const entries = ((input.Entries ?? []) as (OperationInput | null)[]).map((e) => e ?? {});
  if (entries.length === 0) throw emptyBatchRequest(entryName);
  if (entries.length > 10) throw tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const entry of entries) {
    const id = typeof entry.Id === 'string' ? entry.Id : '';
    if (!ENTRY_ID.test(id)) throw invalidBatchEntryId();
    if (seen.has(id)) throw batchEntryIdsNotDistinct(id);
    seen.add(id);
  }
  return entries;
}

/** The `Failed` entry for an entry whose processing threw `err`; rethrows unexpected errors. */
export function failedEntry(id: string, err: unknown): Record<string, unknown> {
  const mapped = err instanceof AwsError ? err : mapSqsError(err);
  if (mapped === undefined) throw err;
  const code = mapped instanceof SqsError ? mapped.queryCode : mapped.type;
  return { Id: id, SenderFault: mapped.statusCode < 500, Code: code, Message: mapped.message };
}
