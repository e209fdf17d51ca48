// ListShards: a page of a stream's shards (MaxResults, at most 1000), filtered by ShardFilter.
// A NextToken names the stream incarnation, filter and position, so it cannot be combined with
// StreamName, ExclusiveStartShardId or StreamCreationTimestamp.

import type { Operation, OperationInput } from '../operation.js';
import * as errors from '../../errors/kinesis-errors.js';
import type { StreamState } from '../../engine/streams/stream-state.js';
import { StreamNotFoundError } from '../../engine/streams/stream-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { shardsAfter } from './describe-stream.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';
import { describeShard } from './shard-description.js';
import { applyShardFilter, checkShardFilter, type ShardFilterInput } from './shard-filter.js';
import { streamRefOf } from './stream-ref-input.js';
import { creationTimestamp, visibleShards } from './stream-output.js';

const MAX_SHARDS = 1000;
const TOKEN_KIND = 'ListShards';

interface Page {
  readonly stream: StreamState;
  readonly filter: ShardFilterInput | undefined;
  readonly afterShardId: string | undefined;
}

export const listShards: Operation<KinesisDeps> = {
  name: 'ListShards',
  async handle(input, deps, ctx) {
    const now = ctx.clock.now();
    const page = input['NextToken'] === undefined ? firstPage(input, deps) : nextPage(input, deps, now);
    const limit = Math.min((input['MaxResults'] as number | undefined) ?? MAX_SHARDS, MAX_SHARDS);
    const filtered = applyShardFilter(page.stream, visibleShards(page.stream), page.filter);
    const remaining = page.afterShardId === undefined ? filtered : shardsAfter(filtered, page.afterShardId);
    const shards = remaining.slice(0, limit);
    const fields = {
      name: page.stream.name,
      id: page.stream.id,
      after: shards.at(-1)?.shardId ?? '',
      ...(page.filter && { type: page.filter.Type }),
      ...(page.filter?.ShardId !== undefined && { shardId: page.filter.ShardId }),
      ...(page.filter?.Timestamp !== undefined && { timestamp: page.filter.Timestamp.getTime() }),
    };
    return {
      Shards: shards.map(describeShard),
      ...(remaining.length > limit && { NextToken: encodeNextToken(TOKEN_KIND, fields, now) }),
    };
  },
};

function firstPage(input: OperationInput, { streams }: KinesisDeps): Page {
  const ref = streamRefOf(input);
  if (ref.streamName === undefined && ref.streamArn === undefined) throw errors.listShardsNeedsStreamOrToken();
  const filter = input['ShardFilter'] as ShardFilterInput | undefined;
  if (filter) checkShardFilter(filter);
  const stream = streams.require(ref);
  const created = input['StreamCreationTimestamp'] as Date | undefined;
  if (created !== undefined && created.getTime() !== creationTimestamp(stream).getTime()) {
    throw new StreamNotFoundError(stream.name, streams.accountId);
  }
  return { stream, filter, afterShardId: input['ExclusiveStartShardId'] as string | undefined };
}

function nextPage(input: OperationInput, { streams }: KinesisDeps, now: number): Page {
  if (input['StreamName'] !== undefined) throw errors.nextTokenWithStreamName();
  if (input['ExclusiveStartShardId'] !== undefined) throw errors.nextTokenWithParameter('ExclusiveStartShardId');
  if (input['StreamCreationTimestamp'] !== undefined) throw errors.nextTokenWithParameter('StreamCreationTimestamp');
  const fields = decodeNextToken(TOKEN_KIND, input['NextToken'] as string, now);
  const name = String(fields['name']);
  const stream = streams.require({ streamName: name });
  if (stream.id !== fields['id']) throw new StreamNotFoundError(name, streams.accountId);
  const filter: ShardFilterInput | undefined =
    fields['type'] === undefined
      ? undefined
      : {
          Type: String(fields['type']),
          ...(fields['shardId'] !== undefined && { ShardId: String(fields['shardId']) }),
          ...(fields['timestamp'] !== undefined && { Timestamp: new Date(Number(fields['timestamp'])) }),
        };
  return { stream, filter, afterShardId: String(fields['after']) || undefined };
}
