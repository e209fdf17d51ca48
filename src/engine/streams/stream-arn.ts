// Stream ARNs: `arn:<partition>:kinesis:<region>:<account>:stream/<name>`. Built for every stream
// and parsed wherever a request names a stream (or a resource) by ARN.

export function streamArn(region: string, accountId: string, streamName: string): string {
  return `arn:aws:kinesis:${region}:${accountId}:stream/${streamName}`;
}

export interface ParsedStreamArn {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** Everything after `stream/`; may hold characters no stream name has (then no stream matches). */
  readonly streamName: string;
}

const STREAM_ARN = /^arn:(aws[^:]*):kinesis:([^:]*):(\d{12}):stream\/(.+)$/s;

/** Parses a stream ARN, or returns undefined when it is not one (e.g. a consumer ARN). */
export function parseStreamArn(arn: string): ParsedStreamArn | undefined {
  const match = STREAM_ARN.exec(arn);
  if (!match) return undefined;
  const [, partition, region, accountId, streamName] = match as unknown as [string, string, string, string, string];
  if (streamName.includes('/consumer/')) return undefined;
  return { partition, region, accountId, streamName };
}

const CONSUMER_ARN = /^arn:aws[^:]*:kinesis:[^:]*:\d{12}:.*stream\/[a-zA-Z0-9_.-]+\/consumer\/[a-zA-Z0-9_.-]+:[0-9]+$/s;

/** Whether the ARN names an enhanced fan-out consumer rather than a stream. */
export function isConsumerArn(arn: string): boolean {
  return CONSUMER_ARN.test(arn);
}
