// The SQS model as Tributary validates it: the JSON 1.0 model with `required` and `enum`
// constraints removed, because SQS reports those with its own errors (MissingParameter,
// InvalidAttributeName) rather than a ValidationException; operations check them.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot, parseServiceModel, type ServiceModel } from '../model/service-model.js';

let cached: ServiceModel | undefined;

export function loadSqsModel(): ServiceModel {
  if (cached) return cached;
  const raw = JSON.parse(readFileSync(join(packageRoot(), 'models', 'sqs.service-2.json'), 'utf8')) as {
    shapes: Record<string, Record<string, unknown>>;
  };
  for (const shape of Object.values(raw.shapes)) {
    delete shape.required;
    delete shape.enum;
  }
  cached = parseServiceModel('sqs', JSON.stringify(raw));
  return cached;
}
