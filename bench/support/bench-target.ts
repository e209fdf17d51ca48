// A server under benchmark — Tributary or kinesalite — started fresh in its own process with its
// own temp data dir, plus creating an ACTIVE stream on it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTributary } from '../../test/integration/support/tributary-process.js';
import { RawKinesisClient } from '../../test/integration/support/raw-kinesis-client.js';
import { pollUntil } from '../../test/integration/support/poll-until.js';
import { startKinesalite } from './kinesalite-process.js';

export type TargetName = 'tributary' | 'kinesalite';

export interface BenchTarget {
  readonly name: TargetName;
  readonly url: string;
  readonly pid: number;
  readonly dataDir: string;
  /** Stops the server and deletes its data dir. */
  stop(): Promise<void>;
}

/**
 * Benchmarks run Tributary with its default durability (fsync before ack) and warn-level logs
 * unless `env` says otherwise; kinesalite stores in LevelDB (leveldown) in its own temp dir.
 */
export async function startTarget(name: TargetName, env: Readonly<Record<string, string>> = {}): Promise<BenchTarget> {
  const dataDir = await mkdtemp(join(tmpdir(), `bench-${name}-`));
  const cleanup = (): Promise<void> => rm(dataDir, { recursive: true, force: true });
  if (name === 'tributary') {
    const server = await startTributary({ dataDir, env: { TRIBUTARY_LOG_LEVEL: 'warn', ...env } });
    return { name, url: server.url, pid: server.pid, dataDir, stop: async () => void (await server.stop(), await cleanup()) };
  }
  const server = await startKinesalite(join(dataDir, 'leveldb'));
  return { name, url: server.url, pid: server.pid, dataDir, stop: async () => void (await server.stop(), await cleanup()) };
}

/** Creates a provisioned stream and waits until it is ACTIVE. */
export async function createActiveStream(url: string, streamName: string, shardCount: number): Promise<void> {
  const client = new RawKinesisClient(url, 1);
  try {
    await client.call('CreateStream', { StreamName: streamName, ShardCount: shardCount });
    await pollUntil(async () => {
      const out = await client.call<{ StreamDescription: { StreamStatus: string } }>('DescribeStream', { StreamName: streamName });
      return out.StreamDescription.StreamStatus === 'ACTIVE';
    }, `${streamName} ACTIVE`, 10_000, 50);
  } finally {
    client.close();
  }
}
