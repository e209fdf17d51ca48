// A DeliveryEngine wired to fakes for unit tests: FakeSinks (main, and one for the S3 backup or
// error output of non-S3 destinations), a ManualClock with a ManualSleeper, a temp data dir, and a
// stream definition builder. Call cleanupEngines() after each test.

import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../../engine/clock.js';
import type { FunctionInvoker } from '../../../functions/function-invoker.js';
import { ManualSleeper } from '../../../mappings/engine/manual-sleeper.js';
import type { DeliveryStreamDefinition, DestinationDefinition, DestinationSettings } from '../../delivery-stream-definition.js';
import { DeliveryEngine, type DeliveryEngineTuning } from '../delivery-engine.js';
import type { Formatter, FormatterFactory } from '../formatter-port.js';
import { concatFormatter, FakeSink, FakeSource } from './pipeline-fakes.js';

export const T0 = 1_700_000_000_000; // 2023-11-14T22:13:20Z
export const STREAM_ID = '0123456789abcdef';
const noInvoker: FunctionInvoker = { invoke: () => Promise.reject(new Error('no functions')) };

/** Stream `s` (version 1) delivering to bucket `b` with the given prefixes, 1 MiB / 60 s unless overridden. */
export function definition(dest: Partial<DestinationDefinition> = {}, prefix = '', errorOutputPrefix?: string, id = STREAM_ID): DeliveryStreamDefinition {
  return {
    name: 's', id, arn: 'arn:aws:firehose:us-east-1:000000000000:deliverystream/s', type: 'DirectPut', versionId: '1', createdAt: T0,
    destination: {
      destinationId: 'destinationId-000000000001',
      settings: { kind: 's3', bucket: 'b', prefix, ...(errorOutputPrefix !== undefined ? { errorOutputPrefix } : {}) },
      bufferingHints: { sizeInMBs: 1, intervalInSeconds: 60 },
      processing: { appendNewline: false },
      format: { appendNewline: false, compression: 'UNCOMPRESSED' },
      ...dest,
    },
  };
}

export interface EngineSetupOptions {
  readonly invoker?: FunctionInvoker;
  readonly formatter?: Formatter;
  /** Builds every formatter (destination, error output, backups); wins over `formatter`. */
  readonly formatterFactory?: FormatterFactory;
  readonly tuning?: DeliveryEngineTuning;
  /** Reuse a data dir (restart); a fresh temp dir otherwise. */
  readonly dataDir?: string;
  readonly clock?: ManualClock;
}

export interface EngineSetup {
  readonly dataDir: string;
  readonly clock: ManualClock;
  readonly sleeper: ManualSleeper;
  /** The destination's sink (for S3 destinations also the error output). */
  readonly sink: FakeSink;
  /** The S3 backup / error output of a non-S3 destination, or the source-record backup (bucket `backup`). */
  readonly backupSink: FakeSink;
  /** Sinks built, with the stream ARN each was built for. */
  readonly built: { kind: DestinationSettings['kind']; arn: string }[];
  readonly engine: DeliveryEngine;
  readonly source: FakeSource;
}

let dirs: string[] = [];
let engines: DeliveryEngine[] = [];

export async function setupEngine(options: EngineSetupOptions = {}): Promise<EngineSetup> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'delivery-engine-')));
  if (options.dataDir === undefined) dirs.push(dataDir);
  const clock = options.clock ?? new ManualClock(T0);
  const sleeper = new ManualSleeper(clock);
  const sink = new FakeSink();
  const backupSink = new FakeSink();
  const built: EngineSetup['built'] = [];
  const engine = new DeliveryEngine({
    invoker: options.invoker ?? noInvoker, clock, sleeper, logger: pino({ level: 'silent' }), dataDir,
    sinkFactory: (destination, stream) => {
      built.push({ kind: destination.kind, arn: stream.arn });
      return destination.kind === 's3' && destination.bucket === 'backup' ? backupSink : sink;
    },
    formatter: options.formatterFactory ?? (() => options.formatter ?? concatFormatter),
    tuning: options.tuning ?? { spoolAfterAttempts: 3, initialBackoffMs: 1000, maxBackoffMs: 4000, backoffJitter: 0 },
  });
  engines.push(engine);
  return { dataDir, clock, sleeper, sink, backupSink, built, engine, source: new FakeSource() };
}

/** Closes every engine and removes every temp dir made since the last call. */
export async function cleanupEngines(): Promise<void> {
  for (const e of engines) await e.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
  dirs = [];
  engines = [];
}

/** Names of the batches spooled for stream `s` (incarnation `id`). */
export async function spooled(dataDir: string, id = STREAM_ID): Promise<string[]> {
  return (await readdir(join(dataDir, 'delivery-spool', `s-${id}`)).catch(() => [] as string[])).filter((n) => n.endsWith('.json'));
}

/** Advances the clock a second at a time (letting I/O settle in between) until `cond` holds. */
export async function advanceUntil(s: EngineSetup, cond: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 2));
    s.sleeper.advance(1000);
  }
  throw new Error(`not reached: ${what}`);
}
