// What the runtime needs to know to run a function; kept by the function registry (persisted in
// the StateStore, collection "functions") and handed to the runtime on every (re)load.

export type FunctionState = 'Pending' | 'Active' | 'Inactive' | 'Failed';

export interface FunctionDefinition {
  readonly name: string;
  /** Unqualified ARN: arn:aws:lambda:<region>:<account>:function:<name>. */
  readonly arn: string;
  /** How the function runs: code in worker threads, or an HTTP endpoint the event is POSTed to. */
  readonly kind: 'code' | 'http';
  /** For kind 'code': directory holding the unpacked code (handler module at its root or below). */
  readonly codeDir?: string;
  /** For kind 'http': the URL the event is POSTed to. */
  readonly endpointUrl?: string;
  /** e.g. `index.handler` (module path without extension, then export name). */
  readonly handler: string;
  readonly runtime: string;
  readonly role: string;
  /** Seconds; Lambda's default 3. */
  readonly timeoutSeconds: number;
  /** MB; Lambda's default 128. Mapped to the worker's heap limit. */
  readonly memoryMb: number;
  readonly environment: Readonly<Record<string, string>>;
  /** Maximum concurrent invocations (pool size). */
  readonly concurrency: number;
  /** Changes whenever code or configuration changes; the runtime reloads its pool when it differs. */
  readonly revisionId: string;
  readonly state: FunctionState;
}

/** Lookup the runtime uses to find the current definition of a function. */
export interface FunctionLookup {
  get(name: string): FunctionDefinition | undefined;
}
