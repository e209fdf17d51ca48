// StopDeliveryStreamEncryption: records server-side encryption as DISABLED.

import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const stopDeliveryStreamEncryption: Operation<FirehoseDeps> = {
  name: 'StopDeliveryStreamEncryption',
  async handle(input, deps) {
    const stream = deps.registry.require(input.DeliveryStreamName as string);
    await deps.registry.update(stream.name, { encryption: { status: 'DISABLED' } });
    return {};
  },
};
