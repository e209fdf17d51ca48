// Typed access to an AWS service model (botocore's service-2.json), the data that drives request
// validation and response shapes. Models live in <package root>/models/<name>.service-2.json.

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export type ServiceName = 'kinesis' | 'firehose' | 'sqs' | 'lambda';

export interface MemberRef {
  readonly shape: string;
}

interface ShapeBase {
  readonly documentation?: string;
}

export interface StructureShape extends ShapeBase {
  readonly type: 'structure';
  readonly members: Readonly<Record<string, MemberRef>>;
  readonly required?: readonly string[];
  readonly exception?: boolean;
  readonly error?: { readonly code?: string; readonly httpStatusCode?: number };
  readonly eventstream?: boolean;
}
export interface ListShape extends ShapeBase {
  readonly type: 'list';
  readonly member: MemberRef;
  readonly min?: number;
  readonly max?: number;
}
export interface MapShape extends ShapeBase {
  readonly type: 'map';
  readonly key: MemberRef;
  readonly value: MemberRef;
  readonly min?: number;
  readonly max?: number;
}
export interface StringShape extends ShapeBase {
  readonly type: 'string';
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
export interface BlobShape extends ShapeBase {
  readonly type: 'blob';
  readonly min?: number;
  readonly max?: number;
}
export interface NumberShape extends ShapeBase {
  readonly type: 'integer' | 'long' | 'double' | 'float';
  readonly min?: number;
  readonly max?: number;
}
export interface BooleanShape extends ShapeBase {
  readonly type: 'boolean';
}
export interface TimestampShape extends ShapeBase {
  readonly type: 'timestamp';
  readonly timestampFormat?: string;
}

export type Shape =
  | StructureShape
  | ListShape
  | MapShape
  | StringShape
  | BlobShape
  | NumberShape
  | BooleanShape
  | TimestampShape;

export interface OperationModel {
  readonly name: string;
  readonly input?: MemberRef;
  readonly output?: MemberRef;
  readonly errors?: readonly MemberRef[];
}

export interface ServiceMetadata {
  readonly apiVersion: string;
  readonly endpointPrefix: string;
  readonly jsonVersion?: string;
  readonly protocol: string;
  readonly serviceId: string;
  readonly signingName?: string;
  readonly targetPrefix?: string;
}

/** A loaded model: raw data plus lookups that throw on unknown names. */
export class ServiceModel {
  constructor(
    readonly name: string,
    readonly metadata: ServiceMetadata,
    private readonly operations: Readonly<Record<string, OperationModel>>,
    private readonly shapes: Readonly<Record<string, Shape>>,
  ) {}

  /** Operation names in model order. */
  operationNames(): string[] {
    return Object.keys(this.operations);
  }

  hasOperation(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.operations, name);
  }

  /** The operation's model; throws if the model has no such operation. */
  operation(name: string): OperationModel {
    if (!this.hasOperation(name)) throw new Error(`${this.name} model has no operation ${name}`);
    return this.operations[name]!;
  }

  /** The shape called `name`; throws if missing. */
  shape(name: string): Shape {
    const shape = this.shapes[name];
    if (!shape) throw new Error(`${this.name} model has no shape ${name}`);
    return shape;
  }

  /**
   * A copy of this model with some shapes replaced: for documented local deviations from AWS
   * (e.g. Firehose accepting http:// endpoint URLs). Unknown names throw, so a renamed shape fails loudly.
   */
  withShapes(overrides: Readonly<Record<string, Shape>>): ServiceModel {
    for (const name of Object.keys(overrides)) this.shape(name);
    return new ServiceModel(this.name, this.metadata, this.operations, { ...this.shapes, ...overrides });
  }

  /** Java package AWS prints for structure values in messages, e.g. com.amazonaws.kinesis.v20131202. */
  javaPackage(): string {
    return `com.amazonaws.${this.metadata.endpointPrefix}.v${this.metadata.apiVersion.replace(/-/g, '')}`;
  }
}

/** The directory holding package.json, found by walking up from this module. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
}

/** Parses model JSON text into a ServiceModel. */
export function parseServiceModel(name: string, json: string): ServiceModel {
  const raw = JSON.parse(json) as {
    metadata: ServiceMetadata;
    operations: Record<string, OperationModel>;
    shapes: Record<string, Shape>;
  };
  return new ServiceModel(name, raw.metadata, raw.operations, raw.shapes);
}

const cache = new Map<string, ServiceModel>();

/** Reads models/<name>.service-2.json from the package root (cached per process). */
export function loadServiceModel(name: ServiceName): ServiceModel {
  let model = cache.get(name);
  if (!model) {
    const path = join(packageRoot(), 'models', `${name}.service-2.json`);
    model = parseServiceModel(name, readFileSync(path, 'utf8'));
    cache.set(name, model);
  }
  return model;
}
