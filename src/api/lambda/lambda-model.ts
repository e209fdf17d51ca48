// The Lambda service model as Lambda's front end applies it: the `Runtime` enum is not checked by
// the generic validator (Lambda answers unknown runtimes with InvalidParameterValueException and
// its own wording, checked in the operations), so it is removed from the validation copy.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, parseServiceModel, type ServiceModel } from '../model/service-model.js';

let cached: ServiceModel | undefined;

/** The lambda model with Lambda-specific validation adjustments (cached). */
export function lambdaModel(): ServiceModel {
  if (cached === undefined) {
    const raw = JSON.parse(readFileSync(join(packageRoot(), 'models', 'lambda.service-2.json'), 'utf8')) as {
      shapes: Record<string, { enum?: unknown }>;
    };
    delete raw.shapes.Runtime!.enum;
    cached = parseServiceModel('lambda', JSON.stringify(raw));
  }
  return cached;
}
