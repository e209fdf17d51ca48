// ListTagsForStream: a stream's tags in key order, paged by ExclusiveStartTagKey and Limit.

import type { Operation } from '../operation.js';
import { MAX_TAGS_PER_STREAM } from '../../engine/streams/stream-tags.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';
import { tagList } from './tag-list.js';

export const listTagsForStream: Operation<KinesisDeps> = {
  name: 'ListTagsForStream',
  async handle(input, { streams }) {
    const stream = streams.require(streamRefOf(input));
    const after = input['ExclusiveStartTagKey'] as string | undefined;
    const limit = (input['Limit'] as number | undefined) ?? MAX_TAGS_PER_STREAM;
    const all = tagList(stream.tags).filter((t) => after === undefined || t.Key > after);
    return { Tags: all.slice(0, limit), HasMoreTags: all.length > limit };
  },
};
