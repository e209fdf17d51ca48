// TagResource: AddTagsToStream addressed by ResourceARN.

import type { Operation } from '../operation.js';
import { addTags } from '../../engine/streams/stream-tags.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { resourceStream } from './resource-ref.js';

export const tagResource: Operation<KinesisDeps> = {
  name: 'TagResource',
  async handle(input, deps) {
    const stream = resourceStream(input, deps);
    const tags = input['Tags'] as Record<string, string>;
    await deps.streams.update({ streamArn: stream.arn }, (s) => ({ tags: addTags(s.tags, tags, s.name, deps.streams.accountId) }));
    return {};
  },
};
