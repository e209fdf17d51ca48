// End to end with the Debian AWS CLI 2.9.19 (/usr/bin/aws), which speaks SQS's query protocol,
// against the real server process: the commands users type, with their exact JSON output.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServerProcess } from '../helpers/server-process.js';
import { awsCli, AwsCliError, type AwsCli } from './support/aws-cli-runner.js';

let server: ServerProcess;
let home: string;
let cli: AwsCli;

before(async () => {
  server = await startServer();
  home = await mkdtemp(join(tmpdir(), 'tributary-it-sqs-cli-home-'));
  cli = awsCli(server.url, home);
});

after(async () => {
  await server?.stop();
  await rm(home, { recursive: true, force: true });
});

async function sqs<T = Record<string, any>>(...args: string[]): Promise<T | undefined> {
  return cli.json<T>('sqs', ...args);
}

async function failure(...args: string[]): Promise<string> {
  try {
    await sqs(...args);
  } catch (err) {
    if (err instanceof AwsCliError) return err.stderr.trim();
    throw err;
  }
  throw new Error('expected the command to fail');
}

describe('SQS through the AWS CLI 2.9.19 (query protocol)', () => {
  test('create-queue, get-queue-url, send, receive, delete, purge, delete-queue', async () => {
    const url = `${server.url}/000000000000/cli-q`;
    assert.deepEqual(await sqs('create-queue', '--queue-name', 'cli-q', '--attributes', 'VisibilityTimeout=40'), { QueueUrl: url });
    assert.deepEqual(await sqs('get-queue-url', '--queue-name', 'cli-q'), { QueueUrl: url });

    const sent = await sqs('send-message', '--queue-url', url, '--message-body', 'hello', '--message-attributes', '{"k1":{"DataType":"String","StringValue":"v1"}}');
    assert.equal(sent!.MD5OfMessageBody, '5d41402abc4b2a76b9719d911017c592');
    assert.equal(sent!.MD5OfMessageAttributes, 'aceb723e730da35e6ce11175c2d59ad1');

    const received = await sqs('receive-message', '--queue-url', url, '--attribute-names', 'ApproximateReceiveCount', '--message-attribute-names', 'All', '--wait-time-seconds', '1');
    assert.deepEqual(received, {
      Messages: [
        {
          MessageId: sent!.MessageId,
          ReceiptHandle: received!.Messages[0].ReceiptHandle,
          MD5OfBody: '5d41402abc4b2a76b9719d911017c592',
          Body: 'hello',
          Attributes: { ApproximateReceiveCount: '1' },
          MD5OfMessageAttributes: 'aceb723e730da35e6ce11175c2d59ad1',
          MessageAttributes: { k1: { StringValue: 'v1', DataType: 'String' } },
        },
      ],
    });
    assert.equal(await sqs('delete-message', '--queue-url', url, '--receipt-handle', received!.Messages[0].ReceiptHandle), undefined);

    await sqs('send-message', '--queue-url', url, '--message-body', 'to purge');
    assert.equal(await sqs('purge-queue', '--queue-url', url), undefined);
    assert.equal(await sqs('receive-message', '--queue-url', url), undefined);
    const attributes = await sqs('get-queue-attributes', '--queue-url', url, '--attribute-names', 'VisibilityTimeout', 'ApproximateNumberOfMessages', 'QueueArn');
    assert.deepEqual(attributes, { Attributes: { QueueArn: 'arn:aws:sqs:us-east-1:000000000000:cli-q', ApproximateNumberOfMessages: '0', VisibilityTimeout: '40' } });
    assert.deepEqual(await sqs('list-queues', '--queue-name-prefix', 'cli-'), { QueueUrls: [url] });
    assert.equal(await sqs('delete-queue', '--queue-url', url), undefined);
    assert.equal(
      await failure('get-queue-url', '--queue-name', 'cli-q'),
      'An error occurred (AWS.SimpleQueueService.NonExistentQueue) when calling the GetQueueUrl operation: The specified queue does not exist for this wsdl version.',
    );
  });

  test('batch send with a failing entry, batch delete, change visibility', async () => {
    const url = (await sqs('create-queue', '--queue-name', 'cli-batch'))!.QueueUrl as string;
    const batch = await sqs('send-message-batch', '--queue-url', url, '--entries', 'Id=a,MessageBody=one', 'Id=b,MessageBody=two,DelaySeconds=901');
    assert.equal(batch!.Successful.length, 1);
    assert.equal(batch!.Successful[0].Id, 'a');
    assert.deepEqual(batch!.Failed, [
      { Id: 'b', SenderFault: true, Code: 'InvalidParameterValue', Message: 'Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900.' },
    ]);
    const [message] = (await sqs('receive-message', '--queue-url', url, '--max-number-of-messages', '10'))!.Messages;
    assert.equal(await sqs('change-message-visibility', '--queue-url', url, '--receipt-handle', message.ReceiptHandle, '--visibility-timeout', '0'), undefined);
    const again = (await sqs('receive-message', '--queue-url', url))!.Messages[0];
    assert.deepEqual(await sqs('delete-message-batch', '--queue-url', url, '--entries', `Id=x,ReceiptHandle=${again.ReceiptHandle}`), { Successful: [{ Id: 'x' }] });
  });

  test('errors show the classic query codes', async () => {
    const url = (await sqs('create-queue', '--queue-name', 'cli-errors'))!.QueueUrl as string;
    assert.equal(
      await failure('receive-message', '--queue-url', url, '--max-number-of-messages', '11'),
      'An error occurred (InvalidParameterValue) when calling the ReceiveMessage operation: Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.',
    );
    const entries = Array.from({ length: 11 }, (_, i) => `Id=m${i},MessageBody=x`);
    assert.equal(
      await failure('send-message-batch', '--queue-url', url, '--entries', ...entries),
      'An error occurred (AWS.SimpleQueueService.TooManyEntriesInBatchRequest) when calling the SendMessageBatch operation: Maximum number of entries per request are 10. You have sent 11.',
    );
    assert.equal(
      await failure('create-queue', '--queue-name', 'cli-errors', '--attributes', 'DelaySeconds=5'),
      'An error occurred (QueueAlreadyExists) when calling the CreateQueue operation: A queue already exists with the same name and a different value for attribute DelaySeconds',
    );
  });

  test('redrive: with maxReceiveCount 1 the second receive finds the message in the dead-letter queue', async () => {
    const dlq = (await sqs('create-queue', '--queue-name', 'cli-dlq'))!.QueueUrl as string;
    const policy = JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:cli-dlq', maxReceiveCount: '1' });
    const source = (await sqs('create-queue', '--queue-name', 'cli-src', '--attributes', JSON.stringify({ RedrivePolicy: policy })))!.QueueUrl as string;
    await sqs('send-message', '--queue-url', source, '--message-body', 'poison');
    assert.equal((await sqs('receive-message', '--queue-url', source, '--visibility-timeout', '0'))!.Messages.length, 1);
    assert.equal(await sqs('receive-message', '--queue-url', source), undefined);
    assert.equal((await sqs('receive-message', '--queue-url', dlq))!.Messages[0].Body, 'poison');
    assert.deepEqual(await sqs('list-dead-letter-source-queues', '--queue-url', dlq), { queueUrls: [source] });
  });
});
