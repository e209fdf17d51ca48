// Queue attributes that can be set (CreateQueue, SetQueueAttributes): their ranges and defaults,
// normalisation of what clients send, and the typed settings the engine works with.

import { QueueAttributeValueError, UnknownQueueAttributeError, type RedriveProblem } from './queue-errors.js';

export interface RedrivePolicy {
  readonly deadLetterTargetArn: string;
  readonly maxReceiveCount: number;
}

/** The settings the engine acts on, in seconds as AWS counts them. */
export interface QueueSettings {
  readonly delaySeconds: number;
  readonly maximumMessageSize: number;
  readonly messageRetentionPeriod: number;
  readonly receiveMessageWaitTimeSeconds: number;
  readonly visibilityTimeout: number;
  readonly redrivePolicy?: RedrivePolicy;
}

const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
  KmsDataKeyReusePeriodSeconds: [60, 86_400],
};

/** Defaults AWS reports for a new standard queue. */
export const DEFAULT_ATTRIBUTES: Readonly<Record<string, string>> = {
  DelaySeconds: '0',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '345600',
  ReceiveMessageWaitTimeSeconds: '0',
  VisibilityTimeout: '30',
  SqsManagedSseEnabled: 'true',
};

const FREE_TEXT = new Set(['Policy', 'KmsMasterKeyId']);
const REDRIVE_PERMISSIONS = new Set(['allowAll', 'denyAll', 'byQueue']);
const ARN = /^arn:[^:]+:sqs:[^:]*:[^:]*:[A-Za-z0-9_-]{1,80}$/;

function integer(name: string, value: string): string {
  const [min, max] = INTEGER_RANGES[name]!;
  const n = /^[+-]?\d+$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new QueueAttributeValueError(name, value);
  return String(n);
}

function redriveProblem(value: string, problem: RedriveProblem): never {
  throw new QueueAttributeValueError('RedrivePolicy', value, problem);
}

/** Checks a RedrivePolicy and returns it as AWS echoes it (maxReceiveCount as a number). */
export function normalizeRedrivePolicy(value: string): string {
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    return redriveProblem(value, { kind: 'malformed' });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return redriveProblem(value, { kind: 'malformed' });
  const { deadLetterTargetArn: arn, maxReceiveCount: count } = doc as Record<string, unknown>;
  if (arn === undefined) return redriveProblem(value, { kind: 'missing', field: 'deadLetterTargetArn' });
  if (count === undefined) return redriveProblem(value, { kind: 'missing', field: 'maxReceiveCount' });
  if (typeof arn !== 'string' || !ARN.test(arn)) return redriveProblem(value, { kind: 'bad-arn' });
  const n = typeof count === 'number' ? count : typeof count === 'string' && /^\d+$/.test(count) ? Number(count) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 1000) return redriveProblem(value, { kind: 'bad-count', count: String(count) });
  return JSON.stringify({ deadLetterTargetArn: arn, maxReceiveCount: n });
}

function redriveAllowPolicy(value: string): string {
  try {
    const doc = JSON.parse(value) as { redrivePermission?: unknown } | null;
    if (typeof doc === 'object' && doc !== null && REDRIVE_PERMISSIONS.has(String(doc.redrivePermission))) return value;
  } catch {
    // fall through
  }
  throw new QueueAttributeValueError('RedriveAllowPolicy', value);
}

/**
 * Validates the attributes of a CreateQueue or SetQueueAttributes call and returns them
 * normalised. An empty RedrivePolicy value means "remove" and is kept as ''. Throws
 * UnknownQueueAttributeError for read-only, unknown and FIFO-only names (standard queues only),
 * QueueAttributeValueError for bad values. `FifoQueue` is returned for the caller to judge.
 */
export function normalizeAttributes(input: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(input)) {
    if (name in INTEGER_RANGES) out[name] = integer(name, value);
    else if (name === 'RedrivePolicy') out[name] = value === '' ? '' : normalizeRedrivePolicy(value);
    else if (name === 'RedriveAllowPolicy') out[name] = redriveAllowPolicy(value);
    else if (name === 'SqsManagedSseEnabled' || name === 'FifoQueue') {
      const lower = value.toLowerCase();
      if (lower !== 'true' && lower !== 'false') throw new QueueAttributeValueError(name, value);
      out[name] = lower;
    } else if (FREE_TEXT.has(name)) out[name] = value;
    else throw new UnknownQueueAttributeError(name);
  }
  return out;
}

/** The effective value of every settable attribute that has one (stored over defaults). */
export function effectiveAttributes(stored: Readonly<Record<string, string>>): Record<string, string> {
  return { ...DEFAULT_ATTRIBUTES, ...stored };
}

/** Typed settings from stored attributes. */
export function settingsOf(stored: Readonly<Record<string, string>>): QueueSettings {
  const a = effectiveAttributes(stored);
  const redrive = a.RedrivePolicy ? (JSON.parse(a.RedrivePolicy) as RedrivePolicy) : undefined;
  return {
    delaySeconds: Number(a.DelaySeconds),
    maximumMessageSize: Number(a.MaximumMessageSize),
    messageRetentionPeriod: Number(a.MessageRetentionPeriod),
    receiveMessageWaitTimeSeconds: Number(a.ReceiveMessageWaitTimeSeconds),
    visibilityTimeout: Number(a.VisibilityTimeout),
    ...(redrive ? { redrivePolicy: redrive } : {}),
  };
}
