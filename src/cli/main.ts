// The `tributary` command (bin/tributary.js calls main): dispatches to a subcommand.

import { configFields } from '../config/config-fields.js';
import { ConfigSchema } from '../config/config-schema.js';
import { helpText } from './help-text.js';
import { packageVersion } from './package-version.js';
import { parseArgs } from './parse-args.js';

const SWITCHES = ['help', 'h', 'version', 'v'];

/** Runs the command line `argv` (without node and script). Rejects with a user-facing message. */
export async function main(argv: string[]): Promise<void> {
  const booleans = new Set([...SWITCHES, ...configFields().filter((f) => f.kind === 'boolean').map((f) => f.flag)]);
  const { positionals, options } = parseArgs(argv, booleans);
  const { help, h, version, v, ...rest } = options;
  if (version === true || v === true) {
    process.stdout.write(`${packageVersion()}\n`);
    return;
  }
  const [command, ...extra] = positionals;
  if (help === true || h === true || command === undefined || command === 'help') {
    process.stdout.write(helpText(packageVersion()));
    return;
  }
  if (extra.length > 0) throw new Error(`Unexpected argument '${extra[0]}'. Run 'tributary --help'.`);
  switch (command) {
    case 'server': {
      // Loaded on demand so --help and --version never touch storage or native modules.
      const { runServer } = await import('./run-server.js');
      return runServer(rest);
    }
    case 'config-schema':
      process.stdout.write(`${JSON.stringify(ConfigSchema, null, 2)}\n`);
      return;
    default:
      throw new Error(`Unknown command '${command}'. Run 'tributary --help'.`);
  }
}
