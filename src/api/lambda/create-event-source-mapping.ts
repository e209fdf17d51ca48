// CreateEventSourceMapping: POST /2015-03-31/event-source-mappings → 202 with the new mapping
// (State "Creating", or "Disabled" when created with Enabled false).

import type { Operation } from '../operation.js';
import { eventSourceMappingConfiguration } from './event-source-mapping-configuration.js';
import { withMappingErrors } from './event-source-mapping-errors.js';
import { newMappingFromWire } from './event-source-mapping-input.js';
import type { LambdaDeps } from './lambda-deps.js';

export const createEventSourceMapping: Operation<LambdaDeps> = {
  name: 'CreateEventSourceMapping',
  async handle(input, deps) {
    const mapping = await withMappingErrors(() => deps.mappings.create(newMappingFromWire(input)));
    return eventSourceMappingConfiguration(mapping);
  },
};
