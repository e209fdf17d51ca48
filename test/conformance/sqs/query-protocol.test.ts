import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { QUERY_ORIGIN, withSqs, xmlText } from './sqs-target.js';

const NS = 'xmlns="http://queue.amazonaws.com/doc/2012-11-05/"';

describe('SQS query protocol', () => {
  test('CreateQueue answers XML with a URL on the request Host', () =>
    withSqs(async (t) => {
      const answer = await t.query({ Action: 'CreateQueue', QueueName: 'dlq', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '45' });
      assert.equal(answer.status, 200);
      assert.equal(answer.headers['Content-Type'], 'text/xml');
      const requestId = answer.headers['x-amzn-RequestId'];
      assert.equal(
        answer.text,
        `<?xml version="1.0"?><CreateQueueResponse ${NS}><CreateQueueResult><QueueUrl>${QUERY_ORIGIN}/000000000000/dlq</QueueUrl></CreateQueueResult>` +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></CreateQueueResponse>`,
      );
      const attributes = await t.call('GetQueueAttributes', { QueueUrl: `${QUERY_ORIGIN}/000000000000/dlq`, AttributeNames: ['VisibilityTimeout'] });
      assert.deepEqual(attributes, { Attributes: { VisibilityTimeout: '45' } });
    }));

  test('operations without output answer only the response metadata', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const answer = await t.query({ Action: 'DeleteQueue', QueueUrl: url });
      assert.equal(answer.text, `<?xml version="1.0"?><DeleteQueueResponse ${NS}><ResponseMetadata><RequestId>${answer.headers['x-amzn-RequestId']}</RequestId></ResponseMetadata></DeleteQueueResponse>`);
    }));

  test('SendMessage with flattened message attributes; ReceiveMessage lists Attribute and MessageAttribute elements', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const sent = await t.query({
        Action: 'SendMessage',
        QueueUrl: url,
        MessageBody: 'hello & <bye>',
        DelaySeconds: '0',
        'MessageAttribute.1.Name': 'k1',
        'MessageAttribute.1.Value.DataType': 'String',
        'MessageAttribute.1.Value.StringValue': 'v1',
        'MessageAttribute.2.Name': 'bin',
        'MessageAttribute.2.Value.DataType': 'Binary',
        'MessageAttribute.2.Value.BinaryValue': 'AAE=',
      });
      assert.equal(sent.status, 200);
      assert.equal(xmlText(sent.text, 'MD5OfMessageAttributes'), '387a75467d2e77500e7f31f24548dc8a');
      const messageId = xmlText(sent.text, 'MessageId');
      const received = await t.query({ Action: 'ReceiveMessage', QueueUrl: url, 'AttributeName.1': 'ApproximateReceiveCount', 'MessageAttributeName.1': 'All', MaxNumberOfMessages: '10' });
      const handle = xmlText(received.text, 'ReceiptHandle')!;
      assert.equal(
        received.text,
        `<?xml version="1.0"?><ReceiveMessageResponse ${NS}><ReceiveMessageResult><Message>` +
          `<MessageId>${messageId}</MessageId><ReceiptHandle>${handle}</ReceiptHandle>` +
          `<MD5OfBody>${xmlText(sent.text, 'MD5OfMessageBody')}</MD5OfBody><Body>hello &amp; &lt;bye&gt;</Body>` +
          '<Attribute><Name>ApproximateReceiveCount</Name><Value>1</Value></Attribute>' +
          '<MD5OfMessageAttributes>387a75467d2e77500e7f31f24548dc8a</MD5OfMessageAttributes>' +
          '<MessageAttribute><Name>k1</Name><Value><StringValue>v1</StringValue><DataType>String</DataType></Value></MessageAttribute>' +
          '<MessageAttribute><Name>bin</Name><Value><BinaryValue>AAE=</BinaryValue><DataType>Binary</DataType></Value></MessageAttribute>' +
          `</Message></ReceiveMessageResult><ResponseMetadata><RequestId>${received.headers['x-amzn-RequestId']}</RequestId></ResponseMetadata></ReceiveMessageResponse>`,
      );
      assert.equal((await t.query({ Action: 'DeleteMessage', QueueUrl: url, ReceiptHandle: handle })).status, 200);
    }));

  test('batch entries are decoded from SendMessageBatchRequestEntry.N and answered as repeated result entries', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const answer = await t.query({
        Action: 'SendMessageBatch',
        QueueUrl: url,
        'SendMessageBatchRequestEntry.1.Id': 'a',
        'SendMessageBatchRequestEntry.1.MessageBody': 'x',
        'SendMessageBatchRequestEntry.2.Id': 'b',
        'SendMessageBatchRequestEntry.2.MessageBody': 'y',
        'SendMessageBatchRequestEntry.2.DelaySeconds': '1000',
      });
      assert.equal(answer.status, 200);
      assert.match(answer.text, /<SendMessageBatchResult><SendMessageBatchResultEntry><Id>a<\/Id><MessageId>[0-9a-f-]{36}<\/MessageId><MD5OfMessageBody>9dd4e461268c8034f5c8564e155c67a6<\/MD5OfMessageBody><\/SendMessageBatchResultEntry>/);
      assert.match(
        answer.text,
        /<BatchResultErrorEntry><Id>b<\/Id><SenderFault>true<\/SenderFault><Code>InvalidParameterValue<\/Code><Message>Value 1000 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be &gt;= 0 and &lt;= 900.<\/Message><\/BatchResultErrorEntry><\/SendMessageBatchResult>/,
      );
    }));

  test('GET with the parameters in the URL works too', () =>
    withSqs(async (t) => {
      await t.createQueue('q');
      const answer = await t.query({ Action: 'ListQueues', QueueNamePrefix: 'q' }, 'GET');
      assert.equal(answer.status, 200);
      assert.match(answer.text, new RegExp(`<ListQueuesResult><QueueUrl>${QUERY_ORIGIN}/000000000000/q</QueueUrl></ListQueuesResult>`));
    }));

  test('GetQueueAttributes answers flattened Attribute elements', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const answer = await t.query({ Action: 'GetQueueAttributes', QueueUrl: url, 'AttributeName.1': 'DelaySeconds', 'AttributeName.2': 'VisibilityTimeout' });
      assert.match(
        answer.text,
        /<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout<\/Name><Value>30<\/Value><\/Attribute><Attribute><Name>DelaySeconds<\/Name><Value>0<\/Value><\/Attribute><\/GetQueueAttributesResult>/,
      );
    }));

  test('errors are ErrorResponse documents with the query code and the query wording', () =>
    withSqs(async (t) => {
      const answer = await t.query({ Action: 'GetQueueUrl', QueueName: 'nope' });
      assert.equal(answer.status, 400);
      assert.equal(answer.headers['Content-Type'], 'text/xml');
      assert.equal(
        answer.text,
        `<?xml version="1.0"?><ErrorResponse ${NS}><Error><Type>Sender</Type><Code>AWS.SimpleQueueService.NonExistentQueue</Code>` +
          '<Message>The specified queue does not exist for this wsdl version.</Message><Detail/></Error>' +
          `<RequestId>${answer.headers['x-amzn-RequestId']}</RequestId></ErrorResponse>`,
      );
      const purge = await t.query({ Action: 'PurgeQueue', QueueUrl: await t.createQueue('q') });
      assert.equal(purge.status, 200);
      const again = await t.query({ Action: 'PurgeQueue', QueueUrl: await t.createQueue('q') });
      assert.equal(again.status, 403);
      assert.equal(xmlText(again.text, 'Code'), 'AWS.SimpleQueueService.PurgeQueueInProgress');
    }));

  test('an unknown or missing Action is refused', () =>
    withSqs(async (t) => {
      const unknown = await t.query({ Action: 'Frobnicate' });
      assert.equal(unknown.status, 400);
      assert.equal(xmlText(unknown.text, 'Code'), 'InvalidAction');
      assert.equal(xmlText(unknown.text, 'Message'), 'The action Frobnicate is not valid for this web service.');
      const missing = await t.query({});
      assert.equal(xmlText(missing.text, 'Code'), 'MissingParameter');
      assert.equal(xmlText(missing.text, 'Message'), 'The request must contain the parameter Action.');
    }));

  test('not-implemented operations answer UnsupportedOperation', () =>
    withSqs(async (t) => {
      const url = await t.createQueue('q');
      const answer = await t.query({ Action: 'AddPermission', QueueUrl: url, Label: 'l', 'AWSAccountId.1': '1', 'ActionName.1': 'SendMessage' });
      assert.equal(xmlText(answer.text, 'Code'), 'AWS.SimpleQueueService.UnsupportedOperation');
      assert.equal(xmlText(answer.text, 'Message'), 'AddPermission is not supported by Tributary.');
    }));
});
