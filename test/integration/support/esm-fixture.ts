// One real Tributary server process plus SDK v3 clients (Lambda, Kinesis, SQS), the AWS CLI and a
// temp dir, with the steps every event source mapping test repeats: create a stream, a recording
// function, a queue, a mapping (waiting until each is usable), put records, collect queue messages.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KinesisClient, CreateStreamCommand, DescribeStreamSummaryCommand, PutRecordsCommand, type PutRecordsResultEntry } from '@aws-sdk/client-kinesis';
import {
  LambdaClient,
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  GetEventSourceMappingCommand,
  GetFunctionCommand,
  type CreateEventSourceMappingCommandInput,
  type EventSourceMappingConfiguration,
} from '@aws-sdk/client-lambda';
import { SQSClient, CreateQueueCommand, DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startServer, type ServerProcess, type StartServerOptions } from '../../helpers/server-process.js';
import { AwsCli } from './esm-aws-cli.js';
import { handlerZip, readInvocations, type RecordedInvocation } from './esm-handler.js';
import { pollUntil } from './poll-until.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/lambda-role`;
/** Deadline for conditions that depend on the mapping engine doing its work. */
export const ENGINE_DEADLINE_MS = 30_000;

export interface TestFunction {
  readonly name: string;
  readonly arn: string;
  /** The file the handler appends its RecordedInvocation lines to. */
  readonly recordFile: string;
  invocations(): RecordedInvocation[];
}

export interface TestQueue {
  readonly url: string;
  readonly arn: string;
}

export class EsmFixture {
  readonly cli: AwsCli;
  readonly lambda: LambdaClient;
  readonly kinesis: KinesisClient;
  readonly sqs: SQSClient;

  private constructor(readonly server: ServerProcess, readonly dir: string) {
    const common = {
      endpoint: server.url,
      region: REGION,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 16 } }),
    };
    this.lambda = new LambdaClient(common);
    this.kinesis = new KinesisClient(common);
    this.sqs = new SQSClient(common);
    this.cli = new AwsCli(server.url, join(dir, 'home'));
  }

  static async start(options: StartServerOptions = {}): Promise<EsmFixture> {
    const dir = await mkdtemp(join(tmpdir(), 'tributary-esm-'));
    return new EsmFixture(await startServer(options), dir);
  }

  async close(): Promise<void> {
    this.lambda.destroy();
    this.kinesis.destroy();
    this.sqs.destroy();
    await this.server.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  streamArn(name: string): string {
    return `arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/${name}`;
  }

  /** Creates a stream and waits until it is ACTIVE; returns its ARN. */
  async createStream(name: string, shardCount = 1): Promise<string> {
    await this.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
    await pollUntil(async () => {
      const out = await this.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }));
      return out.StreamDescriptionSummary?.StreamStatus === 'ACTIVE';
    }, `stream ${name} ACTIVE`, 10_000);
    return this.streamArn(name);
  }

  /** Puts records (one PutRecords call, all must succeed) and returns their result entries in order. */
  async put(stream: string, records: readonly { key: string; data: string | Uint8Array }[]): Promise<PutRecordsResultEntry[]> {
    const out = await this.kinesis.send(
      new PutRecordsCommand({
        StreamName: stream,
        Records: records.map((r) => ({ PartitionKey: r.key, Data: typeof r.data === 'string' ? Buffer.from(r.data) : r.data })),
      }),
    );
    if (out.FailedRecordCount !== 0) throw new Error(`PutRecords failed: ${JSON.stringify(out.Records)}`);
    return out.Records!;
  }

  /** Creates a function from handler source (RECORD_FILE set for it) and waits until it is Active. */
  async createFunction(name: string, source: string, options: { timeout?: number; env?: Record<string, string> } = {}): Promise<TestFunction> {
    const recordFile = join(this.dir, `${name}.jsonl`);
    const out = await this.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs20.x',
        Role: ROLE,
        Handler: 'index.handler',
        Code: { ZipFile: handlerZip(source) },
        Timeout: options.timeout ?? 10,
        Environment: { Variables: { RECORD_FILE: recordFile, ...options.env } },
      }),
    );
    await pollUntil(async () => {
      const got = await this.lambda.send(new GetFunctionCommand({ FunctionName: name }));
      return got.Configuration?.State === 'Active';
    }, `function ${name} Active`, 10_000);
    return { name, arn: out.FunctionArn!, recordFile, invocations: () => readInvocations(recordFile) };
  }

  /** Creates a standard queue; returns its URL and ARN. */
  async createQueue(name: string): Promise<TestQueue> {
    const created = await this.sqs.send(new CreateQueueCommand({ QueueName: name }));
    const attrs = await this.sqs.send(new GetQueueAttributesCommand({ QueueUrl: created.QueueUrl!, AttributeNames: ['QueueArn'] }));
    return { url: created.QueueUrl!, arn: attrs.Attributes!['QueueArn']! };
  }

  /** Receives (and deletes) messages until `count` bodies were collected; returns them parsed as JSON. */
  async drainQueue(queue: TestQueue, count: number, timeoutMs = ENGINE_DEADLINE_MS): Promise<Record<string, unknown>[]> {
    const bodies: Record<string, unknown>[] = [];
    await pollUntil(async () => {
      const out = await this.sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const message of out.Messages ?? []) {
        bodies.push(JSON.parse(message.Body!) as Record<string, unknown>);
        await this.sqs.send(new DeleteMessageCommand({ QueueUrl: queue.url, ReceiptHandle: message.ReceiptHandle! }));
      }
      return bodies.length >= count;
    }, `${count} message(s) in ${queue.url}`, timeoutMs, 50);
    return bodies;
  }

  /** Creates a mapping and waits until it settles in `settled` (Enabled unless Enabled: false). */
  async createMapping(input: CreateEventSourceMappingCommandInput): Promise<EventSourceMappingConfiguration> {
    const created = await this.lambda.send(new CreateEventSourceMappingCommand(input));
    return this.waitForMappingState(created.UUID!, input.Enabled === false ? 'Disabled' : 'Enabled');
  }

  async waitForMappingState(uuid: string, state: string): Promise<EventSourceMappingConfiguration> {
    return pollUntil(async () => {
      const got = await this.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }));
      return got.State === state ? got : undefined;
    }, `mapping ${uuid} ${state}`, 10_000);
  }

  /** Waits until `fn` recorded invocations satisfying `done`, and returns all of them. */
  async waitForInvocations(fn: TestFunction, done: (all: RecordedInvocation[]) => boolean, what: string, timeoutMs = ENGINE_DEADLINE_MS): Promise<RecordedInvocation[]> {
    return pollUntil(async () => {
      const all = fn.invocations();
      return done(all) ? all : undefined;
    }, `${what} (function ${fn.name})`, timeoutMs, 25);
  }
}
