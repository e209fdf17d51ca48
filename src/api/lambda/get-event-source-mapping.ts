// GetEventSourceMapping: GET /2015-03-31/event-source-mappings/{UUID} → 200 with the mapping.

import type { Operation } from '../operation.js';
import { eventSourceMappingConfiguration } from './event-source-mapping-configuration.js';
import { withMappingErrors } from './event-source-mapping-errors.js';
import type { LambdaDeps } from './lambda-deps.js';

export const getEventSourceMapping: Operation<LambdaDeps> = {
  name: 'GetEventSourceMapping',
  async handle(input, deps) {
    const mapping = await withMappingErrors(() => deps.mappings.get(input['UUID'] as string));
    return eventSourceMappingConfiguration(mapping);
  },
};
