// The tunable part of a mapping (ESM.md §2): defaults as AWS echoes them, range and rule checks,
// and how a Create or Update request is merged into the current settings. Filters are compiled
// here once to reject invalid patterns; the engine compiles them again for matching.

import { compileFilterPattern, FilterPatternError } from './filter/filter-pattern.js';
import type { MappingDefinition } from './mapping-definition.js';
import { MappingRequestError, type ParameterViolation } from './mapping-registry-errors.js';

export type MappingSettings = Pick<
  MappingDefinition,
  | 'batchSize'
  | 'maximumBatchingWindowInSeconds'
  | 'parallelizationFactor'
  | 'maximumRetryAttempts'
  | 'maximumRecordAgeInSeconds'
  | 'bisectBatchOnFunctionError'
  | 'onFailureDestination'
  | 'reportBatchItemFailures'
  | 'tumblingWindowInSeconds'
  | 'filterPatterns'
  | 'echoed'
>;

/** What a Create or Update request says about the settings; absent members keep (or default). */
export interface MappingSettingsInput {
  readonly batchSize?: number;
  readonly maximumBatchingWindowInSeconds?: number;
  readonly parallelizationFactor?: number;
  readonly maximumRetryAttempts?: number;
  readonly maximumRecordAgeInSeconds?: number;
  readonly bisectBatchOnFunctionError?: boolean;
  /** DestinationConfig when given: replaces the current one; an absent or empty OnFailure destination clears it. */
  readonly destinationConfig?: { readonly onFailureDestination?: string; readonly onSuccessGiven: boolean };
  readonly functionResponseTypes?: readonly string[];
  readonly tumblingWindowInSeconds?: number;
  /** FilterCriteria's patterns when given (`[]` for `{}`: removes filters); an entry is undefined for a Filter without Pattern. */
  readonly filterPatterns?: readonly (string | undefined)[];
  /** Members accepted and echoed without behaviour (MetricsConfig, ScalingConfig, KMSKeyArn, …); merged by key. */
  readonly echoed?: Readonly<Record<string, unknown>>;
}

export const DEFAULT_SETTINGS: MappingSettings = {
  batchSize: 100,
  maximumBatchingWindowInSeconds: 0,
  parallelizationFactor: 1,
  maximumRetryAttempts: -1,
  maximumRecordAgeInSeconds: -1,
  bisectBatchOnFunctionError: false,
  reportBatchItemFailures: false,
  tumblingWindowInSeconds: 0,
  filterPatterns: [],
  echoed: {},
};

const REPORT_BATCH_ITEM_FAILURES = 'ReportBatchItemFailures';

type NumericSetting = Exclude<
  {
    [K in keyof MappingSettingsInput]-?: NonNullable<MappingSettingsInput[K]> extends number ? K : never;
  }[keyof MappingSettingsInput],
  undefined
>;

/** Model ranges, in the order the model lists the members. */
const RANGES: readonly { readonly key: NumericSetting; readonly path: string; readonly min: number; readonly max: number }[] = [
  { key: 'batchSize', path: 'batchSize', min: 1, max: 10_000 },
  { key: 'maximumBatchingWindowInSeconds', path: 'maximumBatchingWindowInSeconds', min: 0, max: 300 },
  { key: 'parallelizationFactor', path: 'parallelizationFactor', min: 1, max: 10 },
  { key: 'maximumRecordAgeInSeconds', path: 'maximumRecordAgeInSeconds', min: -1, max: 604_800 },
  { key: 'maximumRetryAttempts', path: 'maximumRetryAttempts', min: -1, max: 10_000 },
  { key: 'tumblingWindowInSeconds', path: 'tumblingWindowInSeconds', min: 0, max: 900 },
];

/** Model constraint violations (normally caught by model validation first; kept for other callers). */
export function settingsViolations(input: MappingSettingsInput): ParameterViolation[] {
  const out: ParameterViolation[] = [];
  for (const { key, path, min, max } of RANGES) {
    const value = input[key];
    if (value === undefined) continue;
    if (value < min) out.push({ path, printed: String(value), constraint: { kind: 'min', limit: min } });
    else if (value > max) out.push({ path, printed: String(value), constraint: { kind: 'max', limit: max } });
  }
  const types = input.functionResponseTypes;
  if (types !== undefined) {
    const printed = `[${types.join(', ')}]`;
    if (types.some((t) => t !== REPORT_BATCH_ITEM_FAILURES)) {
      out.push({ path: 'functionResponseTypes', printed, constraint: { kind: 'enumList', values: [REPORT_BATCH_ITEM_FAILURES] } });
    } else if (types.length > 1) {
      out.push({ path: 'functionResponseTypes', printed, constraint: { kind: 'maxLength', limit: 1 } });
    }
  }
  return out;
}

/**
 * The rules beyond the model's ranges, in AWS's order: MaximumRecordAgeInSeconds 0–59, then the
 * filter patterns (each must compile). Throws MappingRequestError.
 */
export function checkSettingRules(input: MappingSettingsInput): void {
  const age = input.maximumRecordAgeInSeconds;
  if (age !== undefined && age >= 0 && age < 60) {
    throw new MappingRequestError({ kind: 'maximumRecordAge', value: age });
  }
  for (const pattern of input.filterPatterns ?? []) {
    if (pattern === undefined || pattern === '') {
      throw new MappingRequestError({ kind: 'invalidFilterPattern', detail: 'Pattern is missing or empty' });
    }
    try {
      compileFilterPattern(pattern);
    } catch (err) {
      if (err instanceof FilterPatternError) throw new MappingRequestError({ kind: 'invalidFilterPattern', detail: err.message });
      throw err;
    }
  }
}

/** The settings after applying `input` to `current` (use DEFAULT_SETTINGS for a new mapping). */
export function mergeSettings(current: MappingSettings, input: MappingSettingsInput): MappingSettings {
  const destination = input.destinationConfig;
  const onFailureDestination = destination ? destination.onFailureDestination || undefined : current.onFailureDestination;
  const merged: MappingSettings = {
    batchSize: input.batchSize ?? current.batchSize,
    maximumBatchingWindowInSeconds: input.maximumBatchingWindowInSeconds ?? current.maximumBatchingWindowInSeconds,
    parallelizationFactor: input.parallelizationFactor ?? current.parallelizationFactor,
    maximumRetryAttempts: input.maximumRetryAttempts ?? current.maximumRetryAttempts,
    maximumRecordAgeInSeconds: input.maximumRecordAgeInSeconds ?? current.maximumRecordAgeInSeconds,
    bisectBatchOnFunctionError: input.bisectBatchOnFunctionError ?? current.bisectBatchOnFunctionError,
    reportBatchItemFailures:
      input.functionResponseTypes !== undefined
        ? input.functionResponseTypes.includes(REPORT_BATCH_ITEM_FAILURES)
        : current.reportBatchItemFailures,
    tumblingWindowInSeconds: input.tumblingWindowInSeconds ?? current.tumblingWindowInSeconds,
    filterPatterns:
      input.filterPatterns !== undefined ? input.filterPatterns.filter((p): p is string => p !== undefined) : current.filterPatterns,
    echoed: input.echoed ? { ...current.echoed, ...input.echoed } : current.echoed,
  };
  return onFailureDestination !== undefined ? { ...merged, onFailureDestination } : merged;
}
