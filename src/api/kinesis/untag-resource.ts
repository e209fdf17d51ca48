// UntagResource: RemoveTagsFromStream addressed by ResourceARN.

import type { Operation } from '../operation.js';
import { removeTags } from '../../engine/streams/stream-tags.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { resourceStream } from './resource-ref.js';

export const untagResource: Operation<KinesisDeps> = {
  name: 'UntagResource',
  async handle(input, deps) {
    const stream = resourceStream(input, deps);
    const keys = input['TagKeys'] as string[];
    await deps.streams.update({ streamArn: stream.arn }, (s) => ({ tags: removeTags(s.tags, keys, s.name, deps.streams.accountId) }));
    return {};
  },
};
