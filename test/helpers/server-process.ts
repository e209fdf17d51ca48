// Starts the built server as a real child process (`node bin/tributary.js server --port 0
// --data-dir <dir>`) and waits for its ready line; for integration, crash and CLI tests.
// Processes still running and temp dirs this helper created are cleaned up when the test process exits.

import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  /** `http://127.0.0.1:<port>` as printed by the server. */
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  readonly process: ChildProcess;
  /** Sends `signal` (default SIGTERM) and resolves with the exit code (null when killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL, resolved once the process is gone. */
  kill9(): Promise<void>;
  /** Everything written to stderr so far (the JSON logs). */
  stderr(): string;
}

export interface StartServerOptions {
  /** Extra arguments after `server --port 0 --data-dir <dir>` (later flags win). */
  readonly args?: readonly string[];
  /** Added to the inherited environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Reuse a data directory (e.g. to restart); a fresh temp dir otherwise. */
  readonly dataDir?: string;
  /** How long to wait for the ready line (default 20 s). */
  readonly readyTimeoutMs?: number;
}

const READY = /^Tributary listening on (https?:\/\/[^\s:]+|https?:\/\/\[[^\]]+\]):(\d+)$/m;
const running = new Set<ChildProcess>();
const tempDirs: string[] = [];

process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** The repository root: the nearest directory above this file holding package.json. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found');
    dir = parent;
  }
  return dir;
}

function exitCode(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export async function startServer(options: StartServerOptions = {}): Promise<ServerProcess> {
  let dataDir = options.dataDir;
  if (dataDir === undefined) {
    dataDir = mkdtempSync(join(tmpdir(), 'tributary-it-'));
    tempDirs.push(dataDir);
  }
  const root = repoRoot();
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'tributary.js'), 'server', '--port', '0', '--data-dir', dataDir, ...(options.args ?? [])],
    { cwd: root, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  running.add(child);
  child.once('exit', () => running.delete(child));
  let stderr = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-256 * 1024)));

  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const settle = (): void => {
      clearTimeout(timer);
      child.stdout!.off('data', onStdout);
      child.off('exit', onExit);
      child.off('error', onError);
    };
    const fail = (why: string): void => {
      settle();
      child.kill('SIGKILL');
      reject(new Error(`tributary server ${why}\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    };
    const onStdout = (chunk: string): void => {
      stdout += chunk;
      const found = READY.exec(stdout);
      if (found) {
        settle();
        resolve(found);
      }
    };
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => fail(`exited early (code ${code}, signal ${signal})`);
    const onError = (err: Error): void => fail(`could not start: ${err.message}`);
    const timer = setTimeout(() => fail('printed no ready line in time'), options.readyTimeoutMs ?? 20_000);
    child.stdout!.setEncoding('utf8').on('data', onStdout);
    child.once('exit', onExit);
    child.once('error', onError);
  });

  const port = Number(match[2]);
  return {
    url: `${match[1]}:${port}`,
    port,
    dataDir,
    process: child,
    stderr: () => stderr,
    stop: (signal = 'SIGTERM') => {
      const code = exitCode(child);
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return code;
    },
    kill9: async () => {
      const code = exitCode(child);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await code;
    },
  };
}
