// An event source mapping as the mapping registry keeps it (StateStore collection "mappings",
// key = UUID) and as the mapping runner receives it. Wire names are mapped to these in api/lambda.

export type MappingState = 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';

export interface MappingDefinition {
  readonly uuid: string;
  readonly arn: string;
  /** Kinesis stream ARN. */
  readonly eventSourceArn: string;
  /** Function name (unqualified) and optional qualifier, as resolved from FunctionName. */
  readonly functionName: string;
  readonly qualifier?: string;
  /** The FunctionArn echoed to clients (qualified only if the request was). */
  readonly functionArn: string;
  readonly enabled: boolean;
  readonly state: MappingState;
  readonly batchSize: number;
  readonly maximumBatchingWindowInSeconds: number;
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST' | 'AT_TIMESTAMP';
  /** Epoch ms, only for AT_TIMESTAMP. */
  readonly startingPositionTimestamp?: number;
  readonly parallelizationFactor: number;
  /** -1 = infinite. */
  readonly maximumRetryAttempts: number;
  /** -1 = infinite. */
  readonly maximumRecordAgeInSeconds: number;
  readonly bisectBatchOnFunctionError: boolean;
  /** On-failure destination ARN (SQS queue or S3 bucket), when set. */
  readonly onFailureDestination?: string;
  readonly reportBatchItemFailures: boolean;
  /** 0 = off. */
  readonly tumblingWindowInSeconds: number;
  /** Filter patterns as the original JSON strings. */
  readonly filterPatterns: readonly string[];
  /** Epoch ms. */
  readonly lastModified: number;
  readonly lastProcessingResult: string;
  readonly stateTransitionReason: string;
  /** Everything else the client sent that is accepted and echoed without behaviour (MetricsConfig, Tags, …). */
  readonly echoed: Readonly<Record<string, unknown>>;
}

/**
 * What the registry tells the runner. The runner owns polling, invoking and checkpoints; it never
 * writes mapping definitions, only reports processing results through MappingStatusSink.
 */
export interface MappingRunner {
  /** Start, restart or reconfigure a mapping (called on load, create, update, enable, disable). */
  apply(mapping: MappingDefinition): Promise<void>;
  /** Stop a mapping for good (delete); its checkpoints may be dropped. */
  remove(uuid: string): Promise<void>;
  close(): Promise<void>;
}

export interface MappingStatusSink {
  /** "OK", "PROBLEM: Function call failed", … */
  setLastProcessingResult(uuid: string, result: string): void;
}
