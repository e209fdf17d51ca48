// The text of `tributary --help`; the settings part is generated from the config schema.

import { renderConfigHelp } from '../config/config-help.js';
import { CONFIG_FILE_ENV, DEFAULT_CONFIG_FILE } from '../config/load-config.js';

export function helpText(version: string): string {
  return `Tributary ${version}: a durable, self-hosted Kinesis Data Streams server

Usage:
  tributary server [options]     start the server in the foreground
  tributary config-schema        print the JSON Schema of the configuration file
  tributary --help | --version

When ready, 'server' prints one line on stdout: Tributary listening on http://<host>:<port>
(--port 0 picks a free port and the line names it). JSON logs go to stderr. SIGTERM or SIGINT
stop it cleanly: no new connections, in-flight requests finish, data is flushed and closed.

Settings come from, in increasing precedence: defaults, a YAML file (--config <file>, else
$${CONFIG_FILE_ENV}, else ./${DEFAULT_CONFIG_FILE} when present), TRIBUTARY_* environment variables,
then these options:

  --config <file>
      YAML configuration file (keys as in the 'file' names below, nested by their dots)
${renderConfigHelp()}
`;
}
