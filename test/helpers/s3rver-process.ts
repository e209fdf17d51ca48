// Starts a real S3-compatible server (the npm package s3rver) as a child process on a free port with a
// temp directory, and waits for its ready line; for object-sink and Firehose integration tests.
// Processes still running and temp dirs this helper created are cleaned up when the test process exits.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface S3rverProcess {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly port: number;
  /** s3rver's storage directory. */
  readonly directory: string;
  /** The static credentials s3rver accepts. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** SIGTERM, resolved once the process is gone (the storage directory is kept until exit). */
  stop(): Promise<void>;
}

const READY = /S3rver listening on ([^\s:]+):(\d+)/;
const running = new Set<ChildProcess>();
const tempDirs: string[] = [];

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

function gone(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Spawns `s3rver -d <tmp> -a 127.0.0.1 -p <port|0> --silent`. Pass `port` to restart on the same port
 * (e.g. a destination that comes back), `directory` to keep the stored objects across restarts.
 */
export async function startS3rver(options: { port?: number; directory?: string; readyTimeoutMs?: number } = {}): Promise<S3rverProcess> {
  const bin = createRequire(import.meta.url).resolve('s3rver/bin/s3rver.js');
  let directory = options.directory;
  if (directory === undefined) {
    directory = mkdtempSync(join(tmpdir(), 's3rver-'));
    tempDirs.push(directory);
  }
  const child = spawn(process.execPath, [bin, '-d', directory, '-a', '127.0.0.1', '-p', String(options.port ?? 0), '--silent'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let out = '';
  let err = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`s3rver not ready after ${options.readyTimeoutMs ?? 20000} ms: ${err}`));
    }, options.readyTimeoutMs ?? 20000);
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = READY.exec(out);
      if (match !== null) {
        clearTimeout(timer);
        resolve(Number(match[2]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited with ${code} before ready: ${err}`));
    });
  });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    port,
    directory,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    async stop() {
      child.kill('SIGTERM');
      await gone(child);
    },
  };
}
