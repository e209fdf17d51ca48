// One real Tributary server process plus SDK v3 clients (Firehose, Kinesis, Lambda) and the AWS CLI,
// with what the Firehose integration tests repeat: create a delivery stream and wait for ACTIVE, read
// the objects a file-system "bucket" (<dataDir>/buckets/<bucket>) holds, create a transformation function.

import { readdir, readFile, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { KinesisClient } from '@aws-sdk/client-kinesis';
import {
  FirehoseClient,
  CreateDeliveryStreamCommand,
  DescribeDeliveryStreamCommand,
  type CreateDeliveryStreamCommandInput,
} from '@aws-sdk/client-firehose';
import { LambdaClient, CreateFunctionCommand, GetFunctionCommand } from '@aws-sdk/client-lambda';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { startServer, type ServerProcess, type StartServerOptions } from '../../helpers/server-process.js';
import { awsCli, type AwsCli } from './aws-cli-runner.js';
import { zipHandler } from './handler-zip.js';
import { pollUntil } from './poll-until.js';

export const ACCOUNT = '000000000000';
export const REGION = 'us-east-1';
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/firehose-role`;
/** Deadline for conditions that depend on the delivery engine doing its work. */
export const DELIVERY_DEADLINE_MS = 20_000;

/** One stored object of a file-system bucket. */
export interface StoredObject {
  readonly key: string;
  readonly body: Buffer;
  /** File modification time (ms), to order objects by delivery. */
  readonly mtimeMs: number;
}

export class FirehoseFixture {
  readonly firehose: FirehoseClient;
  readonly kinesis: KinesisClient;
  readonly lambda: LambdaClient;
  readonly cli: AwsCli;

  private constructor(public server: ServerProcess, readonly dir: string) {
    this.firehose = new FirehoseClient(clientConfig(server.url));
    this.kinesis = new KinesisClient(clientConfig(server.url));
    this.lambda = new LambdaClient(clientConfig(server.url));
    this.cli = awsCli(server.url, join(dir, 'home'));
  }

  static async start(options: StartServerOptions = {}): Promise<FirehoseFixture> {
    const dir = await mkdtemp(join(tmpdir(), 'tributary-fh-'));
    return new FirehoseFixture(await startServer(options), dir);
  }

  /** Kills the server (SIGKILL) and starts a new one on the same data dir; clients are rebuilt. */
  async crashAndRestart(): Promise<FirehoseFixture> {
    await this.server.kill9();
    this.destroyClients();
    return new FirehoseFixture(await startServer({ dataDir: this.server.dataDir }), this.dir);
  }

  async close(): Promise<void> {
    this.destroyClients();
    await this.server.stop();
    await rm(this.dir, { recursive: true, force: true });
  }

  private destroyClients(): void {
    this.firehose.destroy();
    this.kinesis.destroy();
    this.lambda.destroy();
  }

  /** The directory backing bucket `name` for an S3 destination without an endpoint. */
  bucketDir(name: string): string {
    return join(this.server.dataDir, 'buckets', name);
  }

  deliveryStreamArn(name: string): string {
    return `arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/${name}`;
  }

  /** CreateDeliveryStream, then waits until DescribeDeliveryStream says ACTIVE. */
  async createDeliveryStream(input: CreateDeliveryStreamCommandInput): Promise<string> {
    const out = await this.firehose.send(new CreateDeliveryStreamCommand(input));
    await this.waitActive(input.DeliveryStreamName!);
    return out.DeliveryStreamARN!;
  }

  async waitActive(name: string): Promise<void> {
    await pollUntil(async () => {
      const d = await this.firehose.send(new DescribeDeliveryStreamCommand({ DeliveryStreamName: name }));
      return d.DeliveryStreamDescription?.DeliveryStreamStatus === 'ACTIVE';
    }, `delivery stream ${name} ACTIVE`, 10_000, 50);
  }

  /** Every complete object in the bucket (temp files of in-flight writes skipped), sorted by key. */
  async objects(bucket: string): Promise<StoredObject[]> {
    const root = this.bucketDir(bucket);
    const out: StoredObject[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory()) await walk(path);
        else if (e.isFile() && !e.name.startsWith('.')) {
          out.push({ key: relative(root, path).split('\\').join('/'), body: await readFile(path), mtimeMs: (await stat(path)).mtimeMs });
        }
      }
    };
    await walk(root);
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Polls until `check(objects)` holds; resolves with the objects then. */
  async waitForObjects(bucket: string, check: (objects: StoredObject[]) => boolean, what: string, timeoutMs = DELIVERY_DEADLINE_MS): Promise<StoredObject[]> {
    return pollUntil(async () => {
      const objects = await this.objects(bucket);
      return check(objects) ? objects : undefined;
    }, what, timeoutMs, 100);
  }

  /** Creates a nodejs20.x function from ES module source (`export const handler = …`) and waits until Active. */
  async createFunction(name: string, source: string): Promise<string> {
    const out = await this.lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs20.x',
        Role: `arn:aws:iam::${ACCOUNT}:role/lambda-role`,
        Handler: 'index.handler',
        Code: { ZipFile: zipHandler({ 'index.mjs': source }) },
        Timeout: 10,
      }),
    );
    await pollUntil(async () => {
      const got = await this.lambda.send(new GetFunctionCommand({ FunctionName: name }));
      return got.Configuration?.State === 'Active';
    }, `function ${name} Active`, 10_000);
    return out.FunctionArn!;
  }
}

function clientConfig(url: string) {
  return {
    endpoint: url,
    region: REGION,
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' },
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({ httpAgent: { keepAlive: true, maxSockets: 16 } }),
  };
}

/** `<yyyy>/<MM>/<dd>/<HH>/<stream>-<version>-<yyyy>-<MM>-<dd>-<HH>-<mm>-<ss>-<uuid><ext>` with folders equal to the suffix's date. */
export function defaultKeyPattern(stream: string, version: string, extension = ''): RegExp {
  const ext = extension.replace(/\./g, '\\.');
  return new RegExp(
    `^(\\d{4})/(\\d{2})/(\\d{2})/(\\d{2})/${stream}-${version}-\\1-\\2-\\3-\\4-\\d{2}-\\d{2}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}${ext}$`,
  );
}
