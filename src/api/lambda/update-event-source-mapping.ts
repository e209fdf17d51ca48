// UpdateEventSourceMapping: PUT /2015-03-31/event-source-mappings/{UUID} → 202 with the mapping
// ("Enabling"/"Disabling" when Enabled flips, else "Updating"). Only the members present change.

import type { Operation } from '../operation.js';
import { eventSourceMappingConfiguration } from './event-source-mapping-configuration.js';
import { withMappingErrors } from './event-source-mapping-errors.js';
import { mappingChangesFromWire } from './event-source-mapping-input.js';
import type { LambdaDeps } from './lambda-deps.js';

export const updateEventSourceMapping: Operation<LambdaDeps> = {
  name: 'UpdateEventSourceMapping',
  async handle(input, deps) {
    const uuid = input['UUID'] as string;
    const mapping = await withMappingErrors(() => deps.mappings.update(uuid, mappingChangesFromWire(input)));
    return eventSourceMappingConfiguration(mapping);
  },
};
