// StartDeliveryStreamEncryption: records server-side encryption as ENABLED (data is not actually
// encrypted at rest by Tributary; the status is what clients check).

import type { Operation } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const startDeliveryStreamEncryption: Operation<FirehoseDeps> = {
  name: 'StartDeliveryStreamEncryption',
  async handle(input, deps) {
    const stream = deps.registry.require(input.DeliveryStreamName as string);
    const conf = input.DeliveryStreamEncryptionConfigurationInput as { KeyType?: string; KeyARN?: string } | undefined;
    const keyType = conf?.KeyType ?? 'AWS_OWNED_CMK';
    await deps.registry.update(stream.name, { encryption: { status: 'ENABLED', keyType, ...(conf?.KeyARN !== undefined && { keyArn: conf.KeyARN }) } });
    return {};
  },
};
