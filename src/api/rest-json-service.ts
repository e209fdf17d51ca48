// Turns a rest-json service model plus operation files into a RestJsonService: routes by the
// model's http traits, gathers the input from URI/query/headers/body, validates it with the same
// compiled validators as JSON-RPC services, runs the operation and serialises the output.

import type { IncomingHttpHeaders } from 'node:http';
import { AwsError } from '../errors/aws-error.js';
import { bindRestJsonInput } from '../protocol/rest-json-request.js';
import { serializeRestJsonOutput, type RestJsonResponse } from '../protocol/rest-json-response.js';
import { httpTrait, RestRouteTable } from '../protocol/rest-json-routes.js';
import { compileInputValidator, type InputValidator } from './model/input-validator.js';
import type { ServiceModel } from './model/service-model.js';
import { ShapeCompiler } from './model/shape-compiler.js';
import type { Operation, RequestContext } from './operation.js';

export interface RestJsonRequest {
  readonly method: string;
  /** Path without the query string, still percent-encoded. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A service the http layer routes by method and path. */
export interface RestJsonService {
  /** SigV4 signing name, e.g. `lambda`. */
  readonly signingName: string;
  /** Whether some operation of the service model has this path (any method). */
  knowsPath(path: string): boolean;
  /** Runs the request. Throws AwsError for every failure (unknown route included). */
  invoke(request: RestJsonRequest, ctx: RequestContext): Promise<RestJsonResponse>;
}

export interface RestJsonServiceLogger {
  error(obj: object, msg: string): void;
}

export interface RestJsonServiceOptions<D> {
  readonly model: ServiceModel;
  readonly signingName: string;
  readonly operations: readonly Operation<D>[];
  readonly deps: D;
  /** Maps domain errors to AWS errors; undefined for errors it does not know. */
  readonly mapError?: (err: unknown) => AwsError | undefined;
  /** Rewrites protocol/validation AwsErrors the service words differently (e.g. malformed bodies). */
  readonly rewriteError?: (err: AwsError, operation: string) => AwsError;
  /** The error for a model operation without an operation file. */
  readonly notImplemented: (operation: string) => AwsError;
  /** The error for a path/method no operation has. */
  readonly unknownRoute: () => AwsError;
  /** The error for anything unexpected (logged first). */
  readonly internalError: () => AwsError;
  readonly logger: RestJsonServiceLogger;
}

export function createRestJsonService<D>(options: RestJsonServiceOptions<D>): RestJsonService {
  const { model, deps, logger } = options;
  const routes = new RestRouteTable(model);
  const compiler = new ShapeCompiler(model);
  const handlers = new Map<string, Operation<D>>();
  const validators = new Map<string, InputValidator>();
  for (const op of options.operations) {
    handlers.set(op.name, op);
    validators.set(op.name, compileInputValidator(model, compiler, op.name));
  }
  const rewrite = (err: AwsError, operation: string): AwsError => options.rewriteError?.(err, operation) ?? err;

  return {
    signingName: options.signingName,
    knowsPath: (path) => routes.knowsPath(path),
    async invoke(request, ctx) {
      const match = routes.match(request.method, request.path, request.query);
      if (match === undefined) throw options.unknownRoute();
      const { operation } = match;
      const handler = handlers.get(operation);
      if (handler === undefined) throw options.notImplemented(operation);
      try {
        const raw = bindRestJsonInput(model, operation, { ...request, labels: match.labels });
        const input = validators.get(operation)!.validate(raw, 'json');
        const output = await handler.handle(input, deps, ctx);
        return serializeRestJsonOutput(model, operation, output, httpTrait(model, operation).responseCode ?? 200);
      } catch (err) {
        if (err instanceof AwsError) throw rewrite(err, operation);
        const mapped = options.mapError?.(err);
        if (mapped) throw mapped;
        logger.error({ err, requestId: ctx.requestId, operation }, 'operation failed unexpectedly');
        throw options.internalError();
      }
    },
  };
}
