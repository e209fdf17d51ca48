// Every Lambda operation this server implements (one file each). Other operations of the model
// are routed too and answered as not supported.

import type { Operation } from '../operation.js';
import { createEventSourceMapping } from './create-event-source-mapping.js';
import { createFunction } from './create-function.js';
import { deleteEventSourceMapping } from './delete-event-source-mapping.js';
import { deleteFunction } from './delete-function.js';
import { deleteFunctionConcurrency } from './delete-function-concurrency.js';
import { getEventSourceMapping } from './get-event-source-mapping.js';
import { getFunction } from './get-function.js';
import { getFunctionConcurrency } from './get-function-concurrency.js';
import { getFunctionConfiguration } from './get-function-configuration.js';
import { invoke } from './invoke.js';
import type { LambdaDeps } from './lambda-deps.js';
import { listEventSourceMappings } from './list-event-source-mappings.js';
import { listFunctions } from './list-functions.js';
import { putFunctionConcurrency } from './put-function-concurrency.js';
import { updateEventSourceMapping } from './update-event-source-mapping.js';
import { updateFunctionCode } from './update-function-code.js';
import { updateFunctionConfiguration } from './update-function-configuration.js';

export const lambdaOperations: readonly Operation<LambdaDeps>[] = [
  createFunction,
  getFunction,
  getFunctionConfiguration,
  listFunctions,
  updateFunctionCode,
  updateFunctionConfiguration,
  deleteFunction,
  invoke,
  putFunctionConcurrency,
  getFunctionConcurrency,
  deleteFunctionConcurrency,
  createEventSourceMapping,
  getEventSourceMapping,
  listEventSourceMappings,
  updateEventSourceMapping,
  deleteEventSourceMapping,
];
