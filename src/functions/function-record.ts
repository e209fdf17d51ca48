// What the function registry keeps per function (StateStore collection "functions", key = name):
// the runtime's FunctionDefinition plus what the Lambda API reports about it.

import type { FunctionDefinition } from './function-definition.js';

/** Where a function's code comes from. */
export type CodeSource =
  | { readonly kind: 'zip'; readonly zip: Buffer }
  /** A directory used in place (registered from config); never copied or deleted. */
  | { readonly kind: 'dir'; readonly dir: string }
  /** An HTTP endpoint the event is POSTed to. */
  | { readonly kind: 'http'; readonly url: string };

/** The settings a client chooses (create) or changes (update configuration). */
export interface FunctionSettings {
  readonly handler: string;
  readonly runtime: string;
  readonly role: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly environment: Readonly<Record<string, string>>;
  readonly concurrency: number;
  /**
   * Configuration accepted and echoed without behaviour, keyed by wire name (TracingConfig,
   * EphemeralStorage, LoggingConfig, DeadLetterConfig, VpcConfig, Layers, ...): the api layer owns it.
   */
  readonly echoed: Readonly<Record<string, unknown>>;
}

export interface FunctionRecord extends FunctionDefinition {
  readonly description: string;
  readonly echoed: Readonly<Record<string, unknown>>;
  /** Base64 SHA-256 of the code package. */
  readonly codeSha256: string;
  readonly codeSize: number;
  /** For uploaded code: the revision directory name under the code store. */
  readonly codeRevision?: string;
  /** Epoch ms of the last create/update. */
  readonly lastModified: number;
  readonly tags: Readonly<Record<string, string>>;
  /** 'config' for functions registered from the config file. */
  readonly origin: 'api' | 'config';
  /** Reserved concurrency (PutFunctionConcurrency); `concurrency` follows it when set. */
  readonly reservedConcurrency?: number;
  /** Why the function is not Active (e.g. its code directory is missing), with Lambda's reason code. */
  readonly stateReason?: string;
  readonly stateReasonCode?: string;
}
