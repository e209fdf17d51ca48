// Queues and messages are durable: after kill -9 and a restart on the same data directory, every
// acknowledged message is still there, in-flight messages stay invisible until their timeout,
// deleted ones stay deleted.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' };
const servers: ServerProcess[] = [];

after(async () => {
  for (const server of servers) await server.stop();
});

function client(server: ServerProcess): SQSClient {
  return new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
}

describe('SQS durability', () => {
  test('messages and their receive state survive kill -9', async () => {
    const first = await startServer();
    servers.push(first);
    const before = client(first);
    const { QueueUrl } = await before.send(new CreateQueueCommand({ QueueName: 'durable', Attributes: { VisibilityTimeout: '600' } }));
    for (const body of ['deleted', 'in flight', 'waiting']) await before.send(new SendMessageCommand({ QueueUrl, MessageBody: body }));
    const received = (await before.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 2 }))).Messages!;
    assert.deepEqual(received.map((m) => m.Body), ['deleted', 'in flight']);
    await before.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received[0]!.ReceiptHandle }));
    before.destroy();
    await first.kill9();

    const second = await startServer({ dataDir: first.dataDir });
    servers.push(second);
    const after = client(second);
    const url = `${second.url}/000000000000/durable`;
    const names = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'VisibilityTimeout'] as const;
    assert.deepEqual((await after.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: [...names] }))).Attributes, {
      ApproximateNumberOfMessages: '1',
      ApproximateNumberOfMessagesNotVisible: '1',
      VisibilityTimeout: '600',
    });
    const again = (await after.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10 }))).Messages!;
    assert.deepEqual(again.map((m) => m.Body), ['waiting']);
    after.destroy();
  });
});
