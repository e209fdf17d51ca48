// Shard-level metric names of Enable/DisableEnhancedMonitoring. "ALL" stands for every metric;
// sets are kept in AWS's canonical order so responses are stable.

export const SHARD_LEVEL_METRICS = [
  'IncomingBytes',
  'IncomingRecords',
  'OutgoingBytes',
  'OutgoingRecords',
  'WriteProvisionedThroughputExceeded',
  'ReadProvisionedThroughputExceeded',
  'IteratorAgeMilliseconds',
] as const;

function expand(metrics: readonly string[]): Set<string> {
  return new Set(metrics.includes('ALL') ? SHARD_LEVEL_METRICS : metrics);
}

function ordered(set: ReadonlySet<string>): string[] {
  return SHARD_LEVEL_METRICS.filter((m) => set.has(m));
}

/** The metrics enabled after enabling `metrics` (ALL expands) on top of `current`. */
export function enableMetrics(current: readonly string[], metrics: readonly string[]): string[] {
  return ordered(new Set([...current, ...expand(metrics)]));
}

/** The metrics left after disabling `metrics` (ALL disables everything). */
export function disableMetrics(current: readonly string[], metrics: readonly string[]): string[] {
  const off = expand(metrics);
  return ordered(new Set(current.filter((m) => !off.has(m))));
}
