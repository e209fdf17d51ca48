// RetentionSweeper: reclaims the storage of records older than each stream's retention period,
// periodically and on demand. Reads already hide expired records; this only frees space (the
// log removes whole segments, so some expired records may stay on disk a little longer).

import type { RecordLog } from '../../storage/record-log.js';
import type { Clock } from '../clock.js';
import type { StreamSource } from './stream-lookup.js';

export interface RetentionSweeperOptions {
  /** The StreamRegistry (only `list` is used). */
  readonly streams: Pick<StreamSource, 'list'>;
  readonly log: RecordLog;
  readonly clock: Clock;
  /** Period between automatic sweeps. */
  readonly intervalMs: number;
  /** Called with any error a sweep hits (the sweep goes on with the next shard). */
  readonly onError?: (err: unknown) => void;
}

const HOUR_MS = 3_600_000;

export class RetentionSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(private readonly options: RetentionSweeperOptions) {}

  /** Starts periodic sweeps (the timer does not keep the process alive). Idempotent. */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => void this.sweep(), this.options.intervalMs);
    this.timer.unref();
  }

  /** Stops periodic sweeps and waits for a sweep in progress to finish. */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * Trims every shard of every stream to its retention (now - retentionHours). Concurrent calls
   * share the sweep in progress. Never rejects: errors go to onError.
   */
  sweep(): Promise<void> {
    this.running ??= this.sweepAll().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async sweepAll(): Promise<void> {
    const { log, clock, onError } = this.options;
    let streams;
    try {
      streams = this.options.streams.list();
    } catch (err) {
      onError?.(err);
      return;
    }
    for (const stream of streams) {
      const cutoff = clock.now() - stream.retentionHours * HOUR_MS;
      for (const shard of stream.shards) {
        if (!log.hasShard(shard.logKey)) continue;
        try {
          await log.trimBefore(shard.logKey, cutoff);
        } catch (err) {
          onError?.(err);
        }
      }
    }
  }
}
