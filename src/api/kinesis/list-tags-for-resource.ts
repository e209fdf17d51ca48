// ListTagsForResource: every tag of the stream named by ResourceARN, in key order.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { resourceStream } from './resource-ref.js';
import { tagList } from './tag-list.js';

export const listTagsForResource: Operation<KinesisDeps> = {
  name: 'ListTagsForResource',
  async handle(input, deps) {
    return { Tags: tagList(resourceStream(input, deps).tags) };
  },
};
