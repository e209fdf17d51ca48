// `tributary server`: loads the configuration, starts the server, prints the ready line, and
// shuts down cleanly on SIGTERM/SIGINT (exit code 0) or after a failed shutdown (exit code 1).

import type { Logger } from 'pino';
import { loadConfig } from '../config/load-config.js';
import { createLogger, createServer } from '../server.js';

const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Runs until a shutdown signal has been handled; never returns normally before that. */
export async function runServer(options: Readonly<Record<string, string | boolean>>): Promise<void> {
  const { config: configFile, ...flags } = options;
  if (typeof configFile === 'boolean') throw new Error('Option --config needs a file name');
  const config = await loadConfig({ flags, ...(configFile !== undefined ? { configFile } : {}) });
  const logger: Logger = createLogger(config.logLevel);
  const server = await createServer(config, { logger });
  process.stdout.write(`Tributary listening on ${server.url}\n`);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        logger.warn({ signal }, 'already shutting down');
        return;
      }
      stopping = true;
      logger.info({ signal }, 'shutting down');
      server.close().then(
        () => {
          logger.flush();
          process.exitCode = 0;
          resolve();
        },
        (err: unknown) => {
          logger.error({ err }, 'shutdown failed');
          logger.flush();
          process.exit(1);
        },
      );
    };
    for (const signal of SHUTDOWN_SIGNALS) process.on(signal, onSignal);
  });
  for (const signal of SHUTDOWN_SIGNALS) process.removeAllListeners(signal);
  // Anything still holding the event loop (a stuck client, a timer) must not keep us alive.
  process.exit(0);
}
