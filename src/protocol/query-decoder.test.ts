import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSqsModel } from '../api/sqs/sqs-model.js';
import { sqsQueryNames } from '../api/sqs/sqs-query-names.js';
import { QueryDecoder } from './query-decoder.js';

function decode(shape: string, params: Record<string, string>): Record<string, unknown> {
  return new QueryDecoder(loadSqsModel(), sqsQueryNames, new Map(Object.entries(params))).decode(shape);
}

describe('QueryDecoder', () => {
  test('flattened maps with Name/Value and Key/Value entries', () => {
    assert.deepEqual(
      decode('CreateQueueRequest', {
        QueueName: 'q',
        'Attribute.2.Name': 'DelaySeconds',
        'Attribute.2.Value': '5',
        'Attribute.1.Name': 'VisibilityTimeout',
        'Attribute.1.Value': '30',
        'Tag.1.Key': 'team',
        'Tag.1.Value': 'a',
      }),
      { QueueName: 'q', Attributes: { VisibilityTimeout: '30', DelaySeconds: '5' }, tags: { team: 'a' } },
    );
  });

  test('flattened lists renamed by their member name, integers typed by the model', () => {
    assert.deepEqual(
      decode('ReceiveMessageRequest', {
        QueueUrl: 'u',
        'AttributeName.1': 'All',
        'MessageAttributeName.1': 'k',
        'MessageAttributeName.2': 'j.*',
        'MessageSystemAttributeName.1': 'SentTimestamp',
        MaxNumberOfMessages: '10',
        WaitTimeSeconds: 'x',
      }),
      { QueueUrl: 'u', AttributeNames: ['All'], MessageSystemAttributeNames: ['SentTimestamp'], MessageAttributeNames: ['k', 'j.*'], MaxNumberOfMessages: 10, WaitTimeSeconds: 'x' },
    );
  });

  test('batch entries with nested message attributes and string list values', () => {
    assert.deepEqual(
      decode('SendMessageBatchRequest', {
        QueueUrl: 'u',
        'SendMessageBatchRequestEntry.1.Id': 'a',
        'SendMessageBatchRequestEntry.1.MessageBody': 'x',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Name': 'k',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.DataType': 'Binary',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.BinaryValue': 'AAE=',
        'SendMessageBatchRequestEntry.1.MessageAttribute.1.Value.StringListValue.1': 's',
        'SendMessageBatchRequestEntry.2.Id': 'b',
        'SendMessageBatchRequestEntry.2.MessageBody': 'y',
        'SendMessageBatchRequestEntry.2.MessageSystemAttribute.1.Name': 'AWSTraceHeader',
        'SendMessageBatchRequestEntry.2.MessageSystemAttribute.1.Value.DataType': 'String',
        'SendMessageBatchRequestEntry.2.MessageSystemAttribute.1.Value.StringValue': 'Root=1',
      }),
      {
        QueueUrl: 'u',
        Entries: [
          { Id: 'a', MessageBody: 'x', MessageAttributes: { k: { BinaryValue: 'AAE=', StringListValues: ['s'], DataType: 'Binary' } } },
          { Id: 'b', MessageBody: 'y', MessageSystemAttributes: { AWSTraceHeader: { StringValue: 'Root=1', DataType: 'String' } } },
        ],
      },
    );
  });

  test('absent members stay absent', () => {
    assert.deepEqual(decode('ListQueuesRequest', {}), {});
  });
});
