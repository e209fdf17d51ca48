// AddTagsToStream: adds or overwrites tags of an ACTIVE stream (at most 50 per stream).

import type { Operation } from '../operation.js';
import { addTags } from '../../engine/streams/stream-tags.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';

export const addTagsToStream: Operation<KinesisDeps> = {
  name: 'AddTagsToStream',
  async handle(input, { streams }) {
    const tags = input['Tags'] as Record<string, string>;
    await streams.update(streamRefOf(input), (s) => ({ tags: addTags(s.tags, tags, s.name, streams.accountId) }));
    return {};
  },
};
