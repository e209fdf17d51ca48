// UntagDeliveryStream: removes the named tags (unknown keys are ignored).

import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const untagDeliveryStream: Operation<FirehoseDeps> = {
  name: 'UntagDeliveryStream',
  async handle(input, deps) {
    const stream = deps.registry.require(input.DeliveryStreamName as string);
    const drop = new Set(input.TagKeys as string[]);
    await deps.registry.update(stream.name, { tags: Object.fromEntries(Object.entries(stream.tags).filter(([k]) => !drop.has(k))) });
    return {};
  },
};
