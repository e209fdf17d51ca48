// Spawns kinesalite (via kinesalite-main.js) as a separate process, like the Tributary server,
// so both are measured the same way (CPU seconds and peak RSS from /proc).
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface KinesaliteProcess {
  readonly url: string;
  readonly pid: number;
  readonly child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts kinesalite on a free port; with `leveldbDir` it stores on disk (leveldown), else in memory (memdown). */
export function startKinesalite(leveldbDir?: string): Promise<KinesaliteProcess> {
  const main = join(dirname(fileURLToPath(import.meta.url)), 'kinesalite-main.js');
  const child = spawn(process.execPath, [main, '0', ...(leveldbDir ? [leveldbDir] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('kinesalite did not start'));
    }, 15_000);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      const match = /kinesalite listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (match === null) return;
      clearTimeout(timer);
      child.stdout!.resume();
      resolve({
        url: match[1]!,
        pid: child.pid!,
        child,
        stop: async () => {
          child.kill('SIGTERM');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kinesalite exited with ${code}: ${out}`));
    });
  });
}
