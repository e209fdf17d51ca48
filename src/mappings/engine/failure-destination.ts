// On-failure destinations (ESM.md §5.4): an SQS queue (through QueueMessageSender) or an S3-style
// bucket `arn:aws:s3:::<bucket>` kept as files under <dataDir>/buckets/<bucket>/<key>. Delivery
// failures are logged and processing goes on, as on AWS (DestinationDeliveryFailures).

import { randomUUID } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import type { QueueMessageSender } from '../../queues/queue-message-sender.js';
import { failureRecord, failureRecordWithPayload, type Discard, type FailureSource } from './failure-record.js';

export interface FailureDestination {
  /** Delivers the record of `discard`; resolves true once it is durable, or false after logging why it could not be (or when there is no destination). */
  deliver(discard: Discard, source: FailureSource, now: number): Promise<boolean>;
}

export interface DestinationDeps {
  readonly queues: QueueMessageSender;
  readonly dataDir: string;
  readonly logger: Logger;
  readonly mappingUuid: string;
}

/** The destination for an OnFailure ARN; discards go nowhere when there is none. */
export function failureDestinationFor(arn: string | undefined, deps: DestinationDeps): FailureDestination {
  const { logger } = deps;
  const guarded = (kind: string, send: (discard: Discard, source: FailureSource, now: number) => Promise<void>): FailureDestination => ({
    async deliver(discard, source, now) {
      try {
        await send(discard, source, now);
        return true;
      } catch (err) {
        logger.warn({ err, destination: arn, mapping: deps.mappingUuid, shardId: source.shardId }, `on-failure delivery to ${kind} failed`);
        return false;
      }
    },
  });
  if (arn === undefined || arn === '') return { deliver: async () => false };
  if (arn.startsWith('arn:aws:sqs:')) {
    return guarded('SQS', async (discard, source, now) => {
      await deps.queues.sendToArn(arn, failureRecord(discard, source, now));
    });
  }
  const bucket = /^arn:aws:s3:::([A-Za-z0-9][A-Za-z0-9._-]*)$/.exec(arn)?.[1];
  if (bucket !== undefined && !bucket.includes('..')) {
    const root = join(deps.dataDir, 'buckets', bucket);
    return guarded('S3', async (discard, source, now) => {
      const key = failureObjectKey(deps.mappingUuid, source.shardId, now);
      await writeDurably(join(root, key), join(root, '.incoming'), failureRecordWithPayload(discard, source, now));
    });
  }
  return guarded('an unsupported destination', async () => {
    throw new Error(`unsupported on-failure destination ${arn}`);
  });
}

/** `aws/lambda/<uuid>/<shardId>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<random UUID>` (UTC). */
export function failureObjectKey(mappingUuid: string, shardId: string, now: number, id: string = randomUUID()): string {
  const iso = new Date(now).toISOString();
  const [y, m, d] = [iso.slice(0, 4), iso.slice(5, 7), iso.slice(8, 10)];
  const time = iso.slice(11, 19).replaceAll(':', '.');
  return `aws/lambda/${mappingUuid}/${shardId}/${y}/${m}/${d}/${y}-${m}-${d}T${time}-${id}`;
}

/** Writes into `tempDir` first, then renames, so the object appears whole or not at all. */
async function writeDurably(path: string, tempDir: string, body: Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await mkdir(tempDir, { recursive: true });
  const temp = join(tempDir, randomUUID());
  const file = await open(temp, 'w');
  try {
    await file.writeFile(body);
    await file.sync();
  } finally {
    await file.close();
  }
  await rename(temp, path);
}
