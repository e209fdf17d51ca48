// Runs the Debian AWS CLI v2 (/usr/bin/aws 2.9.19) against a local endpoint with dummy credentials
// and an isolated HOME, for the Lambda / event source mapping integration tests.

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const AWS = existsSync('/usr/bin/aws') ? '/usr/bin/aws' : 'aws';

export interface CliOutcome {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export class AwsCli {
  constructor(
    private readonly endpoint: string,
    /** A private temp dir used as HOME (no user config leaks in). */
    private readonly home: string,
  ) {}

  /** Runs `aws <args>` and resolves with its exit code and output, whatever the code. */
  run(args: readonly string[]): Promise<CliOutcome> {
    return new Promise((resolve) => {
      execFile(
        AWS,
        [...args, '--endpoint-url', this.endpoint, '--output', 'json'],
        {
          env: {
            PATH: process.env['PATH'] ?? '/usr/bin:/bin',
            HOME: this.home,
            TZ: 'UTC',
            AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
            AWS_SECRET_ACCESS_KEY: 'dummy-secret',
            AWS_DEFAULT_REGION: 'us-east-1',
            AWS_PAGER: '',
            AWS_EC2_METADATA_DISABLED: 'true',
            AWS_CONFIG_FILE: join(this.home, 'config'),
            AWS_SHARED_CREDENTIALS_FILE: join(this.home, 'credentials'),
          },
          timeout: 60_000,
        },
        (err, stdout, stderr) => {
          const code = err === null ? 0 : typeof err.code === 'number' ? err.code : -1;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /** Runs `aws <args>`, fails unless it exits 0, and returns stdout parsed as JSON (undefined when empty). */
  async json(...args: string[]): Promise<Record<string, unknown> | undefined> {
    const outcome = await this.run(args);
    if (outcome.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${outcome.code}: ${outcome.stderr}`);
    return outcome.stdout.trim() === '' ? undefined : (JSON.parse(outcome.stdout) as Record<string, unknown>);
  }

  /** Runs `aws <args>` expecting failure; returns the CLI's error line (stderr, trimmed). */
  async error(...args: string[]): Promise<string> {
    const outcome = await this.run(args);
    if (outcome.code === 0) throw new Error(`aws ${args.join(' ')} unexpectedly succeeded: ${outcome.stdout}`);
    return outcome.stderr.trim();
  }
}
