// DeleteEventSourceMapping: DELETE /2015-03-31/event-source-mappings/{UUID} → 202 with the mapping
// in State "Deleting"; it is gone (Get ⇒ 404) once the mapping engine has stopped it.

import type { Operation } from '../operation.js';
import { eventSourceMappingConfiguration } from './event-source-mapping-configuration.js';
import { withMappingErrors } from './event-source-mapping-errors.js';
import type { LambdaDeps } from './lambda-deps.js';

export const deleteEventSourceMapping: Operation<LambdaDeps> = {
  name: 'DeleteEventSourceMapping',
  async handle(input, deps) {
    const mapping = await withMappingErrors(() => deps.mappings.delete(input['UUID'] as string));
    return eventSourceMappingConfiguration(mapping);
  },
};
