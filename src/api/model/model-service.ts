// Turns a service model plus operation files into a JsonRpcService: validates each request
// against the model, runs the operation, and maps failures to AWS errors. Validators are compiled
// once here, so the hot path only walks the request.

import { AwsError } from '../../errors/aws-error.js';
import { internalFailure, unknownOperation } from '../../errors/common-errors.js';
import type { JsonRpcService, Operation, OperationOutput, RequestContext } from '../operation.js';
import { compileInputValidator, type InputValidator } from './input-validator.js';
import type { ServiceModel } from './service-model.js';
import { ShapeCompiler } from './shape-compiler.js';

export interface ModelServiceLogger {
  error(obj: object, msg: string): void;
}

export interface ModelServiceOptions<D> {
  readonly model: ServiceModel;
  readonly targetPrefix: string;
  readonly signingName: string;
  readonly jsonVersion: '1.0' | '1.1';
  readonly operations: readonly Operation<D>[];
  readonly deps: D;
  /** Maps domain errors to AWS errors; return undefined for errors it does not know. */
  readonly mapError?: (err: unknown) => AwsError | undefined;
  /**
   * Operations the model has but this server does not implement yet. Their input is validated
   * like AWS would (so bad input gets AWS's exact errors), then the given error is thrown.
   */
  readonly notImplemented?: ReadonlyMap<string, AwsError>;
  /** Where unexpected errors are logged before answering InternalFailure (default: stderr JSON). */
  readonly logger?: ModelServiceLogger;
}

const stderrLogger: ModelServiceLogger = {
  error(obj, msg) {
    const err = (obj as { err?: unknown }).err;
    const detail = err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : err;
    process.stderr.write(`${JSON.stringify({ level: 'error', msg, ...obj, err: detail })}\n`);
  },
};

/**
 * Builds the service. Throws at once if an operation is not in the model, so a typo fails at
 * start-up rather than on the first request.
 */
export function createModelService<D>(options: ModelServiceOptions<D>): JsonRpcService {
  const { model, deps, mapError } = options;
  const logger = options.logger ?? stderrLogger;
  const notImplemented = options.notImplemented ?? new Map<string, AwsError>();
  const compiler = new ShapeCompiler(model);
  const validators = new Map<string, InputValidator>();
  const handlers = new Map<string, Operation<D>>();
  for (const op of options.operations) {
    handlers.set(op.name, op);
    validators.set(op.name, compileInputValidator(model, compiler, op.name));
  }
  for (const name of notImplemented.keys()) {
    if (!validators.has(name)) validators.set(name, compileInputValidator(model, compiler, name));
  }

  return {
    targetPrefix: options.targetPrefix,
    signingName: options.signingName,
    jsonVersion: options.jsonVersion,
    hasOperation: (name) => validators.has(name),
    async invoke(name: string, body: unknown, wire: 'json' | 'cbor', ctx: RequestContext): Promise<OperationOutput> {
      const validator = validators.get(name);
      if (!validator) throw unknownOperation();
      try {
        const input = validator.validate(body, wire);
        const pending = notImplemented.get(name);
        if (pending) throw pending;
        return await handlers.get(name)!.handle(input, deps, ctx);
      } catch (err) {
        if (err instanceof AwsError) throw err;
        const mapped = mapError?.(err);
        if (mapped) throw mapped;
        logger.error({ err, requestId: ctx.requestId, operation: name }, 'operation failed unexpectedly');
        throw internalFailure();
      }
    },
  };
}
