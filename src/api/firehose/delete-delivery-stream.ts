// DeleteDeliveryStream: refused while CREATING; otherwise the stream, its source and buffers go.

import { deliveryStreamInStatus } from '../../errors/firehose-errors.js';
import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const deleteDeliveryStream: Operation<FirehoseDeps> = {
  name: 'DeleteDeliveryStream',
  async handle(input, deps) {
    const stream = deps.registry.require(input.DeliveryStreamName as string);
    const status = deps.registry.statusOf(stream);
    if (status === 'CREATING' && input.AllowForceDelete !== true) throw deliveryStreamInStatus(stream.name, status);
    await deps.registry.delete(stream.name);
    return {};
  },
};
