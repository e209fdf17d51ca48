// The SQS JSON 1.0 service (X-Amz-Target: AmazonSQS.<Op>): the model-driven dispatcher over the
// SQS operations, with queue-engine errors mapped to SQS errors. Also used, per request, by the
// query protocol router (with a different URL base).

import type { JsonRpcService } from '../operation.js';
import { unsupportedOperation } from '../../errors/sqs-errors.js';
import { createModelService, type ModelServiceLogger } from '../model/model-service.js';
import { sqsNotImplemented, sqsOperations } from './operations.js';
import type { SqsDeps } from './sqs-deps.js';
import { mapSqsError } from './sqs-error-mapping.js';
import { loadSqsModel } from './sqs-model.js';

export const SQS_TARGET_PREFIX = 'AmazonSQS';

/** The not-implemented operations with the error each answers. */
export function sqsNotImplementedErrors(): ReadonlyMap<string, ReturnType<typeof unsupportedOperation>> {
  return new Map(sqsNotImplemented.map((name) => [name, unsupportedOperation(`${name} is not supported by Tributary.`)]));
}

export function createSqsService(deps: SqsDeps, options: { logger?: ModelServiceLogger } = {}): JsonRpcService {
  return createModelService<SqsDeps>({
    model: loadSqsModel(),
    targetPrefix: SQS_TARGET_PREFIX,
    signingName: 'sqs',
    jsonVersion: '1.0',
    operations: sqsOperations,
    deps,
    mapError: mapSqsError,
    notImplemented: sqsNotImplementedErrors(),
    ...(options.logger && { logger: options.logger }),
  });
}
