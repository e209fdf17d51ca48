// The stage every ESM benchmark shares: a fresh Tributary process, an ACTIVE stream, a zipped Node
// handler deployed as a function and mapped to the stream through the Lambda API (SDK v3), and the
// JSON-lines file the handler appends to (its timestamps are epoch ms from performance.timeOrigin).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateEventSourceMappingCommandInput, LambdaClient } from '@aws-sdk/client-lambda';
import { startTributary, type TributaryProcess } from '../../test/integration/support/tributary-process.js';
import { createMapping, deployFunction, lambdaClient } from '../../test/integration/support/mapping-fixture.js';
import { createActiveStream } from './bench-target.js';

export interface EsmStage {
  readonly server: TributaryProcess;
  readonly lambda: LambdaClient;
  readonly streamArn: string;
  /** The file the handler appends to (env OUT_FILE). */
  readonly outFile: string;
  /** Deploys the handler as `name` (env OUT_FILE set). */
  deploy(name: string, source: string): Promise<void>;
  /** Creates a mapping on the stream for `name` and waits for Enabled; resolves with its UUID. */
  map(name: string, input: Omit<CreateEventSourceMappingCommandInput, 'FunctionName' | 'EventSourceArn'>): Promise<string>;
  /** Stops the server and deletes its data dir. */
  stop(): Promise<void>;
}

export async function startEsmStage(stream: string, shards: number): Promise<EsmStage> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-esm-'));
  const server = await startTributary({ dataDir: join(dir, 'data'), env: { TRIBUTARY_LOG_LEVEL: 'warn' } });
  const lambda = lambdaClient(server.url);
  const outFile = join(dir, 'handler.jsonl');
  const streamArn = `arn:aws:kinesis:us-east-1:000000000000:stream/${stream}`;
  await createActiveStream(server.url, stream, shards);
  return {
    server,
    lambda,
    streamArn,
    outFile,
    deploy: async (name, source) => void (await deployFunction(lambda, { name, source, environment: { OUT_FILE: outFile }, timeoutSeconds: 30 })),
    map: (name, input) => createMapping(lambda, { FunctionName: name, EventSourceArn: streamArn, ...input }),
    stop: async () => {
      lambda.destroy();
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The p-th percentile (nearest rank) of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Epoch milliseconds with sub-millisecond precision, comparable across processes on one machine. */
export function epochNow(): number {
  return performance.timeOrigin + performance.now();
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
