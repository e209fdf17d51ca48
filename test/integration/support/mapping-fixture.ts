// Deploys a Node handler (zipped in memory) and an event source mapping on a running server through
// @aws-sdk/client-lambda, waiting for Active / Enabled; shared by the ESM crash test and bench/esm-*.
import {
  CreateEventSourceMappingCommand,
  CreateFunctionCommand,
  GetEventSourceMappingCommand,
  GetFunctionConfigurationCommand,
  LambdaClient,
  type CreateEventSourceMappingCommandInput,
} from '@aws-sdk/client-lambda';
import { SQSClient } from '@aws-sdk/client-sqs';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { zipHandler } from './handler-zip.js';
import { pollUntil } from './poll-until.js';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' };

export function lambdaClient(url: string): LambdaClient {
  return new LambdaClient({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
}

export function sqsClient(url: string): SQSClient {
  return new SQSClient({ endpoint: url, region: 'us-east-1', credentials: CREDENTIALS, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
}

export interface FunctionSpec {
  readonly name: string;
  /** Source of `index.mjs` (handler `index.handler`). */
  readonly source: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly timeoutSeconds?: number;
  readonly memorySize?: number;
}

/** Creates the function from a zip and waits until it is Active; resolves with its ARN. */
export async function deployFunction(lambda: LambdaClient, spec: FunctionSpec): Promise<string> {
  const out = await lambda.send(
    new CreateFunctionCommand({
      FunctionName: spec.name,
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/lambda-role',
      Handler: 'index.handler',
      Code: { ZipFile: zipHandler({ 'index.mjs': spec.source }) },
      Environment: { Variables: { ...spec.environment } },
      ...(spec.timeoutSeconds !== undefined ? { Timeout: spec.timeoutSeconds } : {}),
      ...(spec.memorySize !== undefined ? { MemorySize: spec.memorySize } : {}),
    }),
  );
  await pollUntil(async () => (await lambda.send(new GetFunctionConfigurationCommand({ FunctionName: spec.name }))).State === 'Active', `${spec.name} Active`, 20_000, 20);
  return out.FunctionArn!;
}

/** Creates the mapping and waits until it is Enabled; resolves with its UUID. */
export async function createMapping(lambda: LambdaClient, input: CreateEventSourceMappingCommandInput): Promise<string> {
  const out = await lambda.send(new CreateEventSourceMappingCommand(input));
  const uuid = out.UUID!;
  await pollUntil(async () => (await lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State === 'Enabled', `mapping ${uuid} Enabled`, 20_000, 10);
  return uuid;
}
