// The Kinesis JSON-RPC service: the model-driven dispatcher wired to the 39 operation files, with
// the control plane's and data plane's domain errors mapped to AWS errors.

import type { JsonRpcService } from '../operation.js';
import { AwsError } from '../../errors/aws-error.js';
import { notImplementedYet } from '../../errors/kinesis-errors.js';
import { createModelService, type ModelServiceLogger } from '../model/model-service.js';
import { loadServiceModel } from '../model/service-model.js';
import { mapDataError } from './data-error-mapping.js';
import type { MetricsHub } from '../../metrics/metrics-hub.js';
import { instrumentOperations } from './instrumented-operations.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { kinesisOperations, notImplementedOperations } from './operations.js';
import { mapStreamError } from './stream-error-mapping.js';

export function createKinesisService(deps: KinesisDeps, options: { logger?: ModelServiceLogger; metrics?: MetricsHub } = {}): JsonRpcService {
  return createModelService<KinesisDeps>({
    model: loadServiceModel('kinesis'),
    targetPrefix: 'Kinesis_20131202',
    signingName: 'kinesis',
    jsonVersion: '1.1',
    operations: options.metrics ? instrumentOperations(kinesisOperations, options.metrics) : kinesisOperations,
    deps,
    mapError: (err) => {
      const mapped = mapStreamError(err) ?? mapDataError(err, deps.streams.accountId);
      return mapped instanceof AwsError ? mapped : undefined;
    },
    notImplemented: new Map(notImplementedOperations.map((name) => [name, notImplementedYet(name)])),
    ...(options.logger && { logger: options.logger }),
  });
}
