// The Lambda rest-json service: the generic rest-json dispatcher over the Lambda model, wired to
// the operation files, with Lambda's way of reporting malformed bodies and domain errors.

import { SerializationException } from '../../errors/common-errors.js';
import {
  invalidRequestContent,
  lambdaOperationNotSupported,
  lambdaServiceException,
  unknownLambdaRoute,
} from '../../errors/lambda-errors.js';
import { createRestJsonService, type RestJsonService, type RestJsonServiceLogger } from '../rest-json-service.js';
import { mapFunctionError } from './function-error-mapping.js';
import type { LambdaDeps } from './lambda-deps.js';
import { lambdaModel } from './lambda-model.js';
import { lambdaOperations } from './lambda-operations.js';
import type { AwsError } from '../../errors/aws-error.js';

export interface LambdaServiceOptions {
  readonly logger: RestJsonServiceLogger;
  /** Maps errors of other Lambda domains (event source mappings) to AWS errors. */
  readonly mapError?: (err: unknown) => AwsError | undefined;
}

export function createLambdaService(deps: LambdaDeps, options: LambdaServiceOptions): RestJsonService {
  return createRestJsonService<LambdaDeps>({
    model: lambdaModel(),
    signingName: 'lambda',
    operations: lambdaOperations,
    deps,
    mapError: (err) => mapFunctionError(err, deps.region, deps.accountId) ?? options.mapError?.(err),
    rewriteError: (err) =>
      err instanceof SerializationException ? invalidRequestContent(err.hasMessage ? err.message : 'Malformed JSON') : err,
    notImplemented: lambdaOperationNotSupported,
    unknownRoute: unknownLambdaRoute,
    internalError: lambdaServiceException,
    logger: options.logger,
  });
}
