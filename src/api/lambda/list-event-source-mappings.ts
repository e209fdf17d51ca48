// ListEventSourceMappings: GET /2015-03-31/event-source-mappings?EventSourceArn=&FunctionName=&Marker=&MaxItems=
// → 200 {EventSourceMappings, NextMarker?}; at most 100 per page, whatever MaxItems says.

import type { Operation } from '../operation.js';
import { eventSourceMappingConfiguration } from './event-source-mapping-configuration.js';
import { withMappingErrors } from './event-source-mapping-errors.js';
import type { LambdaDeps } from './lambda-deps.js';

export const listEventSourceMappings: Operation<LambdaDeps> = {
  name: 'ListEventSourceMappings',
  async handle(input, deps) {
    const page = await withMappingErrors(() =>
      deps.mappings.list({
        ...(input['EventSourceArn'] !== undefined ? { eventSourceArn: input['EventSourceArn'] as string } : {}),
        ...(input['FunctionName'] !== undefined ? { functionName: input['FunctionName'] as string } : {}),
        ...(input['Marker'] !== undefined ? { marker: input['Marker'] as string } : {}),
        ...(input['MaxItems'] !== undefined ? { maxItems: input['MaxItems'] as number } : {}),
      }),
    );
    return {
      EventSourceMappings: page.mappings.map(eventSourceMappingConfiguration),
      ...(page.nextMarker !== undefined ? { NextMarker: page.nextMarker } : {}),
    };
  },
};
