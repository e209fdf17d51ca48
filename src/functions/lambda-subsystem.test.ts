import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveConfig } from '../config/build-config.js';
import { DEFAULT_ENGINE_TUNING } from '../mappings/engine/engine-tuning.js';
import { DEFAULT_EVENT_RETRY_DELAYS_MS } from './event-invocations.js';

// createLambdaSubsystem hands these settings to the engine and EventInvocations as they are: their
// documented defaults must be the components' own.
test("the config's defaults for mappings and event retries are the components' defaults", () => {
  const config = resolveConfig();
  assert.deepEqual({ ...config.mappings }, { ...DEFAULT_ENGINE_TUNING });
  assert.deepEqual([...config.lambda.eventRetryDelaysMs], [...DEFAULT_EVENT_RETRY_DELAYS_MS]);
  assert.deepEqual([config.lambda.maxQueuedInvocations, config.lambda.idleTimeoutMs], [64, 600_000]);
});
