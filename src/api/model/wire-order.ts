// The order AWS lists validation errors and enum values in. It is neither the model's order,
// nor alphabetical, nor Java hash order; these tables hold what kinesalite's test suite recorded
// from Kinesis itself. Members not listed (newer ones such as StreamARN) follow, alphabetically.

const memberOrders: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  kinesis: {
    CreateStreamInput: ['ShardCount', 'StreamName'],
    DecreaseStreamRetentionPeriodInput: ['RetentionPeriodHours', 'StreamName'],
    DescribeStreamInput: ['Limit', 'ExclusiveStartShardId', 'StreamName'],
    GetRecordsInput: ['Limit', 'ShardIterator'],
    GetShardIteratorInput: ['ShardId', 'ShardIteratorType', 'StartingSequenceNumber', 'StreamName'],
    IncreaseStreamRetentionPeriodInput: ['RetentionPeriodHours', 'StreamName'],
    ListShardsInput: ['MaxResults', 'ExclusiveStartShardId', 'StreamName', 'NextToken'],
    ListStreamsInput: ['Limit', 'ExclusiveStartStreamName'],
    ListTagsForStreamInput: ['Limit', 'ExclusiveStartTagKey', 'StreamName'],
    MergeShardsInput: ['ShardToMerge', 'AdjacentShardToMerge', 'StreamName'],
    PutRecordInput: ['SequenceNumberForOrdering', 'PartitionKey', 'ExplicitHashKey', 'Data', 'StreamName'],
    PutRecordsInput: ['Records', 'StreamName'],
    PutRecordsRequestEntry: ['PartitionKey', 'ExplicitHashKey', 'Data'],
    AddTagsToStreamInput: ['Tags', 'StreamName'],
    SplitShardInput: ['NewStartingHashKey', 'StreamName', 'ShardToSplit'],
    UpdateShardCountInput: ['ScalingType', 'StreamName', 'TargetShardCount'],
  },
};

const enumOrders: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  kinesis: {
    ShardIteratorType: ['AFTER_SEQUENCE_NUMBER', 'LATEST', 'AT_TIMESTAMP', 'AT_SEQUENCE_NUMBER', 'TRIM_HORIZON'],
  },
  // Recorded from AWS (shared/spec/LAMBDA-API.md §3.5).
  lambda: {
    EventSourcePosition: ['LATEST', 'AT_TIMESTAMP', 'TRIM_HORIZON'],
  },
};

/** Members of `shapeName` in the order AWS reports their violations. */
export function memberOrder(service: string, shapeName: string, members: readonly string[]): string[] {
  const known = memberOrders[service]?.[shapeName] ?? [];
  const first = known.filter((m) => members.includes(m));
  const rest = members.filter((m) => !first.includes(m)).sort();
  return [...first, ...rest];
}

/** Enum values of `shapeName` in the order AWS prints them in `enum value set: [...]`. */
export function enumOrder(service: string, shapeName: string, values: readonly string[]): readonly string[] {
  const known = enumOrders[service]?.[shapeName];
  if (known && known.length === values.length && values.every((v) => known.includes(v))) return known;
  return values;
}
