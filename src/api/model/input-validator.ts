// Validates one operation's decoded request body against its input shape: type errors first
// (SerializationException), then up to 10 constraint violations (ValidationException).

import { serializationException, typeMismatchMessage, validationException } from '../../errors/common-errors.js';
import type { OperationInput } from '../operation.js';
import type { Wire } from './scalar-coercion.js';
import type { ServiceModel } from './service-model.js';
import type { ShapeCompiler } from './shape-compiler.js';
import { ViolationSink } from './violation-sink.js';

export interface InputValidator {
  /**
   * Returns the coerced input (wire member names, Buffers, Dates, numbers; unknown members
   * dropped) or throws the AwsError AWS would answer with.
   */
  validate(body: unknown, wire: Wire): OperationInput;
}

function requireObject(body: unknown): void {
  if (Array.isArray(body)) throw serializationException(typeMismatchMessage('list', 'Structure'));
  if (typeof body !== 'object' || body === null || body instanceof Uint8Array || body instanceof Date) {
    throw serializationException();
  }
}

/** Compiles the validator for `operation` of `model` (once, at service creation). */
export function compileInputValidator(model: ServiceModel, compiler: ShapeCompiler, operation: string): InputValidator {
  const input = model.operation(operation).input;
  if (!input) {
    return {
      validate(body) {
        requireObject(body);
        return {};
      },
    };
  }
  const shape = compiler.compile(input.shape);
  return {
    validate(body, wire) {
      requireObject(body);
      const coerced = shape.coerce(body, wire) as OperationInput;
      const sink = new ViolationSink();
      shape.check(coerced, sink);
      if (sink.messages.length > 0) throw validationException(sink.messages);
      return coerced;
    },
  };
}
