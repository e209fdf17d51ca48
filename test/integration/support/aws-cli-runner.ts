// Runs the Debian AWS CLI v2 (/usr/bin/aws, 2.9.19) against a local server with dummy
// credentials and an empty, private home, and parses its JSON output.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';
const run = promisify(execFile);

/** The CLI's failure: exit code and the text it printed on stderr. */
export class AwsCliError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`aws ${args.join(' ')} exited with ${code}: ${stderr.trim()}`);
    this.name = 'AwsCliError';
  }
}

export interface AwsCli {
  /** Runs `aws <args> --endpoint-url <url> --output json`; resolves with parsed stdout (undefined when empty). */
  json<T = Record<string, unknown>>(...args: string[]): Promise<T | undefined>;
}

/** A CLI bound to `endpointUrl`; `home` is a private directory for its config and cache. */
export function awsCli(endpointUrl: string, home: string): AwsCli {
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    HOME: home,
    TZ: 'UTC',
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'dummy-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
  };
  return {
    async json<T>(...args: string[]): Promise<T | undefined> {
      const full = [...args, '--endpoint-url', endpointUrl, '--output', 'json'];
      try {
        const { stdout } = await run(AWS, full, { env, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
        return stdout.trim() === '' ? undefined : (JSON.parse(stdout) as T);
      } catch (err) {
        const e = err as { code?: number; stderr?: string };
        if (typeof e.code === 'number') throw new AwsCliError(args, e.code, e.stderr ?? '');
        throw err;
      }
    },
  };
}
