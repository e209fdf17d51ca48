// ListTagsForDeliveryStream: tags sorted by key, after ExclusiveStartTagKey, at most Limit (50).

import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const listTagsForDeliveryStream: Operation<FirehoseDeps> = {
  name: 'ListTagsForDeliveryStream',
  async handle(input, deps) {
    const stream = deps.registry.require(input.DeliveryStreamName as string);
    const start = input.ExclusiveStartTagKey as string | undefined;
    const limit = (input.Limit as number | undefined) ?? 50;
    const keys = Object.keys(stream.tags).sort().filter((k) => start === undefined || k > start);
    return { Tags: keys.slice(0, limit).map((Key) => ({ Key, Value: stream.tags[Key]! })), HasMoreTags: keys.length > limit };
  },
};
