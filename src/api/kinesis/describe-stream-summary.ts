// DescribeStreamSummary: the stream without its shard list.

import type { Operation } from '../operation.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';
import { creationTimestamp, enhancedMonitoring, streamModeDetails, visibleShards } from './stream-output.js';

export const describeStreamSummary: Operation<KinesisDeps> = {
  name: 'DescribeStreamSummary',
  async handle(input, { streams }) {
    const stream = streams.require(streamRefOf(input));
    const warm = stream.warmThroughputMiBps;
    return {
      StreamDescriptionSummary: {
        StreamName: stream.name,
        StreamARN: stream.arn,
        StreamStatus: stream.status,
        StreamModeDetails: streamModeDetails(stream),
        RetentionPeriodHours: stream.retentionHours,
        StreamCreationTimestamp: creationTimestamp(stream),
        EnhancedMonitoring: enhancedMonitoring(stream),
        EncryptionType: stream.encryptionType,
        ...(stream.keyId !== undefined && { KeyId: stream.keyId }),
        OpenShardCount: visibleShards(stream).filter((s) => s.endingSequenceNumber === undefined).length,
        ConsumerCount: 0,
        ...(warm !== undefined && { WarmThroughput: { TargetMiBps: warm, CurrentMiBps: warm } }),
        MaxRecordSizeInKiB: stream.maxRecordSizeKiB,
      },
    };
  },
};
