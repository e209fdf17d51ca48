// Starts the built Tributary server (`node bin/tributary.js server`) as a real child process on
// port 0 and waits for its ready line; used by the integration tests, the crash test and bench/.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const READY_LINE = /^Tributary listening on (http:\/\/127\.0\.0\.1:(\d+))$/;

export interface TributaryProcess {
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Milliseconds from spawn to the ready line. */
  readonly startupMs: number;
  /** Everything the process wrote to stderr so far (its JSON logs), for failure messages. */
  stderr(): string;
  /** Sends SIGTERM and resolves with the exit code once the process has exited. */
  stop(): Promise<number | null>;
  /** Sends SIGKILL and resolves once the process has exited. */
  kill9(): Promise<void>;
}

export interface StartOptions {
  readonly dataDir: string;
  /** Extra CLI arguments after `server --port 0 --data-dir <dir>`. */
  readonly args?: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  readonly readyTimeoutMs?: number;
}

/** The package root: the nearest directory above this file holding package.json. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

/** Spawns the server and resolves once it printed its ready line; rejects (and kills it) otherwise. */
export function startTributary(options: StartOptions): Promise<TributaryProcess> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [join(packageRoot(), 'bin', 'tributary.js'), 'server', '--port', '0', '--data-dir', options.dataDir, ...(options.args ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } },
  );
  let stderr = '';
  let stdout = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-64 * 1024);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  return new Promise<TributaryProcess>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server not ready after ${options.readyTimeoutMs ?? 15000} ms; stdout=${stdout} stderr=${stderr}`));
    }, options.readyTimeoutMs ?? 15000);
    const onEarlyExit = (code: number | null, signal: string | null): void => {
      clearTimeout(timer);
      reject(new Error(`server exited before ready (code ${code}, signal ${signal}); stdout=${stdout} stderr=${stderr}`));
    };
    child.once('exit', onEarlyExit);
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      const line = stdout.split('\n').find((l) => READY_LINE.test(l.trim()));
      if (line === undefined) return;
      const match = READY_LINE.exec(line.trim())!;
      clearTimeout(timer);
      child.stdout!.removeAllListeners('data');
      child.stdout!.resume();
      child.off('exit', onEarlyExit);
      resolve({
        url: match[1]!,
        port: Number(match[2]),
        pid: child.pid!,
        dataDir: options.dataDir,
        child,
        startupMs: performance.now() - started,
        stderr: () => stderr,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
          return exited;
        },
        kill9: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
      });
    });
  });
}
