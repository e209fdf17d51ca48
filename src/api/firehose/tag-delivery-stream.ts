// TagDeliveryStream: adds or overwrites tags (at most 50 per stream).

import { invalidFirehoseArgument } from '../../errors/firehose-errors.js';
import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const tagDeliveryStream: Operation<FirehoseDeps> = {
  name: 'TagDeliveryStream',
  async handle(input, deps) {
    const stream = deps.registry.require(input.DeliveryStreamName as string);
    const tags = { ...stream.tags };
    for (const tag of input.Tags as { Key: string; Value?: string }[]) tags[tag.Key] = tag.Value ?? '';
    if (Object.keys(tags).length > 50) throw invalidFirehoseArgument('A delivery stream cannot have more than 50 tags.');
    await deps.registry.update(stream.name, { tags });
    return {};
  },
};
