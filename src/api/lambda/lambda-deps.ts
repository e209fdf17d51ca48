// What every Lambda operation file receives: the function registry, the invoker that runs
// functions, the event source mapping registry, and the identity used in ARNs.

import type { EventInvocations } from '../../functions/event-invocations.js';
import type { FunctionInvoker } from '../../functions/function-invoker.js';
import type { FunctionRegistry } from '../../functions/function-registry.js';
import type { MappingRegistry } from '../../mappings/mapping-registry.js';

export interface LambdaDeps {
  readonly functions: FunctionRegistry;
  readonly invoker: FunctionInvoker;
  /** Runs Invoke requests of InvocationType Event in the background. */
  readonly events: EventInvocations;
  readonly mappings: MappingRegistry;
  readonly accountId: string;
  readonly region: string;
}
