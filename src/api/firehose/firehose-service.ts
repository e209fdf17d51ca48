// The Firehose JSON 1.1 service (Firehose_20150804): the model-driven dispatcher wired to the
// operation files, with the registry's domain errors mapped to AWS errors.

import { DeliveryStreamExistsError, DeliveryStreamNotFoundError } from '../../delivery/delivery-stream-registry.js';
import { VersionConflictError } from '../../storage/state-store.js';
import { deliveryStreamExists, deliveryStreamNotFound } from '../../errors/firehose-errors.js';
import type { AwsError } from '../../errors/aws-error.js';
import { createModelService } from '../model/model-service.js';
import { firehoseModel } from './firehose-model.js';
import type { JsonRpcService } from '../operation.js';
import type { FirehoseDeps } from './firehose-deps.js';
import { firehoseOperations } from './operations.js';

export function mapFirehoseError(err: unknown, accountId: string): AwsError | undefined {
  if (err instanceof DeliveryStreamNotFoundError) return deliveryStreamNotFound(err.streamName, accountId);
  if (err instanceof DeliveryStreamExistsError) return deliveryStreamExists(err.streamName, accountId);
  if (err instanceof VersionConflictError) return deliveryStreamExists(err.key, accountId);
  return undefined;
}

export function createFirehoseService(deps: FirehoseDeps): JsonRpcService {
  return createModelService<FirehoseDeps>({
    model: firehoseModel(),
    targetPrefix: 'Firehose_20150804',
    signingName: 'firehose',
    jsonVersion: '1.1',
    operations: firehoseOperations,
    deps,
    mapError: (err) => mapFirehoseError(err, deps.registry.accountId),
  });
}
