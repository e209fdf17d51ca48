// SQS's query-protocol wire names: the `locationName` traits of the query model that the AWS CLI
// 2.9.19 (and every query-protocol SDK) was generated from, which the JSON model dropped.
// `MessageSystemAttributeName` (ReceiveMessage's newer list) follows the same pattern.

import type { QueryNames } from '../../protocol/query-names.js';

export const sqsQueryNames: QueryNames = {
  members: {
    'CreateQueueRequest.Attributes': 'Attribute',
    'CreateQueueRequest.tags': 'Tag',
    'GetQueueAttributesResult.Attributes': 'Attribute',
    'ListQueueTagsResult.Tags': 'Tag',
    'Message.Attributes': 'Attribute',
    'Message.MessageAttributes': 'MessageAttribute',
    'MessageAttributeValue.StringListValues': 'StringListValue',
    'MessageAttributeValue.BinaryListValues': 'BinaryListValue',
    'MessageSystemAttributeValue.StringListValues': 'StringListValue',
    'MessageSystemAttributeValue.BinaryListValues': 'BinaryListValue',
    'SendMessageBatchRequestEntry.MessageAttributes': 'MessageAttribute',
    'SendMessageBatchRequestEntry.MessageSystemAttributes': 'MessageSystemAttribute',
    'SendMessageRequest.MessageAttributes': 'MessageAttribute',
    'SendMessageRequest.MessageSystemAttributes': 'MessageSystemAttribute',
    'SetQueueAttributesRequest.Attributes': 'Attribute',
    'TagQueueRequest.Tags': 'Tag',
  },
  listMembers: {
    AWSAccountIdList: 'AWSAccountId',
    ActionNameList: 'ActionName',
    AttributeNameList: 'AttributeName',
    BatchResultErrorEntryList: 'BatchResultErrorEntry',
    BinaryList: 'BinaryListValue',
    ChangeMessageVisibilityBatchRequestEntryList: 'ChangeMessageVisibilityBatchRequestEntry',
    ChangeMessageVisibilityBatchResultEntryList: 'ChangeMessageVisibilityBatchResultEntry',
    DeleteMessageBatchRequestEntryList: 'DeleteMessageBatchRequestEntry',
    DeleteMessageBatchResultEntryList: 'DeleteMessageBatchResultEntry',
    MessageAttributeNameList: 'MessageAttributeName',
    MessageSystemAttributeList: 'MessageSystemAttributeName',
    MessageList: 'Message',
    QueueUrlList: 'QueueUrl',
    SendMessageBatchRequestEntryList: 'SendMessageBatchRequestEntry',
    SendMessageBatchResultEntryList: 'SendMessageBatchResultEntry',
    StringList: 'StringListValue',
    TagKeyList: 'TagKey',
  },
  mapEntries: {
    MessageBodyAttributeMap: ['Name', 'Value'],
    MessageBodySystemAttributeMap: ['Name', 'Value'],
    MessageSystemAttributeMap: ['Name', 'Value'],
    QueueAttributeMap: ['Name', 'Value'],
    TagMap: ['Key', 'Value'],
  },
};

/** The namespace of SQS's query responses. */
export const SQS_XML_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';
