// RemoveTagsFromStream: removes tags of an ACTIVE stream; keys it does not have are ignored.

import type { Operation } from '../operation.js';
import { removeTags } from '../../engine/streams/stream-tags.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';

export const removeTagsFromStream: Operation<KinesisDeps> = {
  name: 'RemoveTagsFromStream',
  async handle(input, { streams }) {
    const keys = input['TagKeys'] as string[];
    await streams.update(streamRefOf(input), (s) => ({ tags: removeTags(s.tags, keys, s.name, streams.accountId) }));
    return {};
  },
};
