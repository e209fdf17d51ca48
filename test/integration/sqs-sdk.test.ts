// End to end with @aws-sdk/client-sqs (JSON 1.0, query-compatible errors, MD5 checks) against
// the real server process: the SQS.md checklist for the JSON protocol.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ChangeMessageVisibilityCommand,
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  PurgeQueueCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  SQSServiceException,
} from '@aws-sdk/client-sqs';
import { startServer, type ServerProcess } from '../helpers/server-process.js';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'dummy-secret' };
let server: ServerProcess;
let sqs: SQSClient;

before(async () => {
  server = await startServer();
  sqs = new SQSClient({ endpoint: server.url, region: 'us-east-1', credentials, maxAttempts: 1 });
});

after(async () => {
  sqs?.destroy();
  await server?.stop();
});

async function errorOf(promise: Promise<unknown>): Promise<SQSServiceException> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof SQSServiceException) return err;
    throw err;
  }
  throw new Error('expected the call to fail');
}

describe('SQS through @aws-sdk/client-sqs', () => {
  test('create, get URL, send, receive, delete, purge, delete queue (the client verifies every MD5)', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-q', Attributes: { VisibilityTimeout: '30' } }));
    assert.equal(QueueUrl, `${server.url}/000000000000/sdk-q`);
    assert.equal((await sqs.send(new GetQueueUrlCommand({ QueueName: 'sdk-q' }))).QueueUrl, QueueUrl);

    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'hello', MessageAttributes: { k1: { DataType: 'String', StringValue: 'v1' } } }));
    assert.equal(sent.MD5OfMessageBody, '5d41402abc4b2a76b9719d911017c592');
    assert.equal(sent.MD5OfMessageAttributes, 'aceb723e730da35e6ce11175c2d59ad1');
    const batch = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'a', MessageBody: 'é' }, { Id: 'b', MessageBody: '{"x":1}' }] }));
    assert.deepEqual(batch.Successful?.map((e) => e.Id), ['a', 'b']);
    assert.deepEqual(batch.Failed, []);

    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    assert.deepEqual(received.Messages?.map((m) => m.Body), ['hello', 'é', '{"x":1}']);
    const [first] = received.Messages!;
    assert.equal(first!.MessageId, sent.MessageId);
    assert.equal(first!.Attributes?.ApproximateReceiveCount, '1');
    assert.deepEqual(first!.MessageAttributes, { k1: { DataType: 'String', StringValue: 'v1' } });

    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first!.ReceiptHandle }));
    const deleted = await sqs.send(
      new DeleteMessageBatchCommand({ QueueUrl, Entries: received.Messages!.slice(1).map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle })) }),
    );
    assert.equal(deleted.Successful?.length, 2);
    const counts = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    assert.deepEqual(counts.Attributes, { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });

    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'purged' }));
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    const gone = await errorOf(sqs.send(new GetQueueUrlCommand({ QueueName: 'sdk-q' })));
    assert.ok(gone instanceof QueueDoesNotExist);
  });

  test('errors map to the modelled exceptions with the query codes', async () => {
    const missing = await errorOf(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })));
    assert.ok(missing instanceof QueueDoesNotExist);
    assert.equal(missing.name, 'QueueDoesNotExist');
    assert.equal(missing.message, 'The specified queue does not exist.');
    assert.equal((missing as unknown as { Code?: string }).Code, 'AWS.SimpleQueueService.NonExistentQueue');
    assert.equal(missing.$metadata.httpStatusCode, 400);

    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-errors' }));
    const tooMany = await errorOf(sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })));
    assert.equal(tooMany.name, 'InvalidParameterValue');
    assert.equal(tooMany.message, 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    const entries = Array.from({ length: 11 }, (_, i) => ({ Id: `m${i}`, MessageBody: 'x' }));
    const batch = await errorOf(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries })));
    assert.equal(batch.name, 'TooManyEntriesInBatchRequest');
    assert.equal(batch.message, 'Maximum number of entries per request are 10. You have sent 11.');
  });

  test('a long poll returns as soon as a message is sent; an empty one after WaitTimeSeconds', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-long-poll' }));
    const started = Date.now();
    const empty = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    assert.equal(empty.Messages, undefined);
    assert.ok(Date.now() - started >= 950, `returned after ${Date.now() - started} ms`);

    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sendAt = Date.now();
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'wake up' }));
    const woken = await polling;
    assert.equal(woken.Messages?.[0]?.Body, 'wake up');
    assert.ok(Date.now() - sendAt < 2000, `released ${Date.now() - sendAt} ms after the send`);
  });

  test('visibility timeout, then redrive to the dead-letter queue after maxReceiveCount', async () => {
    const dlq = (await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-dlq' }))).QueueUrl!;
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: dlq, AttributeNames: ['QueueArn'] }));
    const source = (await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-src' }))).QueueUrl!;
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: source, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: Attributes!.QueueArn, maxReceiveCount: 2 }) } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: source, MessageBody: 'poison' }));

    const first = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, VisibilityTimeout: 1 }))).Messages![0]!;
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }))).Messages, undefined);
    const second = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: source, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }))).Messages![0]!;
    assert.equal(second.Attributes?.ApproximateReceiveCount, '2');
    assert.notEqual(second.ReceiptHandle, first.ReceiptHandle);
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: source, ReceiptHandle: second.ReceiptHandle, VisibilityTimeout: 0 }));

    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl: source }))).Messages, undefined);
    const moved = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: dlq, MessageSystemAttributeNames: ['DeadLetterQueueSourceArn'] }))).Messages![0]!;
    assert.equal(moved.Body, 'poison');
    assert.equal(moved.MessageId, first.MessageId);
    assert.equal(moved.Attributes?.DeadLetterQueueSourceArn, 'arn:aws:sqs:us-east-1:000000000000:sdk-src');
  });

  test('a client without an endpoint reaches the server through the queue URL', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'sdk-no-endpoint' }));
    const bare = new SQSClient({ region: 'us-east-1', credentials, maxAttempts: 1, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    try {
      await bare.send(new SendMessageCommand({ QueueUrl, MessageBody: 'via queue url' }));
      const received = await bare.send(new ReceiveMessageCommand({ QueueUrl }));
      assert.equal(received.Messages?.[0]?.Body, 'via queue url');
    } finally {
      bare.destroy();
    }
  });
});
