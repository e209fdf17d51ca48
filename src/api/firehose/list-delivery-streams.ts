// ListDeliveryStreams: names in order, after ExclusiveStartDeliveryStreamName, at most Limit (10).

import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const listDeliveryStreams: Operation<FirehoseDeps> = {
  name: 'ListDeliveryStreams',
  async handle(input, deps) {
    const limit = (input.Limit as number | undefined) ?? 10;
    const start = input.ExclusiveStartDeliveryStreamName as string | undefined;
    const type = input.DeliveryStreamType as string | undefined;
    const names = deps.registry
      .list()
      .filter((s) => type === undefined || s.type === type)
      .map((s) => s.name)
      .filter((n) => start === undefined || n > start);
    return { DeliveryStreamNames: names.slice(0, limit), HasMoreDeliveryStreams: names.length > limit };
  },
};
