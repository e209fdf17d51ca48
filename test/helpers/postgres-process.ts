// Starts a private PostgreSQL for a test: Debian's initdb/pg_ctl into a temp dir, on a free port,
// waiting for readiness with `pg_ctl -w` (PQping) — so tests never depend on a shared server's state.
// initdb refuses to run as root, so as root the binaries run as the `postgres` user (runuser) in a
// temp dir it owns. Servers still running when the test process exits are stopped, their dirs removed.

import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresProcess {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication). */
  readonly connectionString: string;
  readonly port: number;
  /** Fast shutdown; resolves once the server is gone. Idempotent. */
  stop(): Promise<void>;
  /** Stops (immediate) and removes the data directory. Idempotent. */
  destroy(): Promise<void>;
  /** Starts the server again on the same port and data (after stop()). */
  restart(): Promise<void>;
}

const live = new Set<() => void>();
process.once('exit', () => {
  for (const cleanup of live) cleanup();
});

/** The directory holding initdb and pg_ctl: the newest /usr/lib/postgresql/<v>/bin, else PATH. */
export function postgresBinDir(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base).filter((v) => existsSync(join(base, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions[0] !== undefined) return join(base, versions[0], 'bin');
  }
  for (const dir of (process.env.PATH ?? '').split(':')) if (dir !== '' && existsSync(join(dir, 'initdb'))) return dir;
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPostgres(): Promise<PostgresProcess> {
  const bin = postgresBinDir();
  if (bin === undefined) throw new Error('PostgreSQL binaries not found (install the Debian package `postgresql`)');
  const asRoot = process.getuid?.() === 0;
  const run = (tool: string, args: readonly string[]): string => {
    const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]] : [join(bin, tool), [...args]];
    return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  };
  const root = mkdtempSync(join(tmpdir(), 'tributary-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(root, uid, gid);
  }
  const data = join(root, 'data');
  const logFile = join(root, 'server.log');
  run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C', '--no-sync']);

  let port = 0;
  const start = (): void => {
    const settings = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${root} -c fsync=off -c full_page_writes=off`;
    run('pg_ctl', ['-D', data, '-l', logFile, '-o', settings, '-w', '-t', '60', 'start']);
  };
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      start();
      break;
    } catch (err) {
      // Another process may have taken the port between freePort() and the bind: try another one.
      if (attempt >= 3) {
        rmSync(root, { recursive: true, force: true });
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
        throw new Error(`PostgreSQL did not start: ${(err as Error).message}\n${log}`);
      }
    }
  }

  let running = true;
  const stopSync = (mode: 'fast' | 'immediate'): void => {
    if (!running) return;
    running = false;
    try {
      run('pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
    } catch {
      // Already stopped.
    }
  };
  const cleanup = (): void => {
    stopSync('immediate');
    rmSync(root, { recursive: true, force: true });
  };
  live.add(cleanup);
  return {
    connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => stopSync('fast'),
    restart: async () => {
      if (running) return;
      start();
      running = true;
    },
    destroy: async () => {
      cleanup();
      live.delete(cleanup);
    },
  };
}
