// Splits a command line into a command, `--name value` / `--name=value` options and boolean
// switches (`--flag`, `--no-flag`). Which names exist is the caller's business.

export interface ParsedArgs {
  /** Words before and between options, e.g. ['server']. */
  readonly positionals: readonly string[];
  /** Option values keyed by name without dashes; switches are true/false. */
  readonly options: Readonly<Record<string, string | boolean>>;
}

/**
 * @param booleans names that take no value (`--name` is true, `--no-name` false)
 * @throws Error when an option that needs a value is last
 */
export function parseArgs(argv: readonly string[], booleans: ReadonlySet<string>): ParsedArgs {
  const positionals: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    if (eq >= 0) {
      options[name] = body.slice(eq + 1);
    } else if (booleans.has(name)) {
      options[name] = true;
    } else if (name.startsWith('no-') && booleans.has(name.slice(3))) {
      options[name.slice(3)] = false;
    } else {
      const value = argv[i + 1];
      if (value === undefined) throw new Error(`Option --${name} needs a value`);
      options[name] = value;
      i += 1;
    }
  }
  return { positionals, options };
}
