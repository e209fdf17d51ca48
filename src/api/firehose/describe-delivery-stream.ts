// DescribeDeliveryStream: the stored stream with its destination echoed, defaults explicit.

import type { Operation } from '../operation.js';
import { describeDestination } from './destination-config.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const describeDeliveryStream: Operation<FirehoseDeps> = {
  name: 'DescribeDeliveryStream',
  async handle(input, deps) {
    const stream = deps.registry.require(input.DeliveryStreamName as string);
    const encryption = stream.encryption;
    return {
      DeliveryStreamDescription: {
        DeliveryStreamName: stream.name,
        DeliveryStreamARN: stream.arn,
        DeliveryStreamStatus: deps.registry.statusOf(stream),
        DeliveryStreamEncryptionConfiguration: {
          Status: encryption.status,
          ...(encryption.keyType !== undefined && { KeyType: encryption.keyType }),
          ...(encryption.keyArn !== undefined && { KeyARN: encryption.keyArn }),
        },
        DeliveryStreamType: stream.type,
        VersionId: String(stream.versionId),
        CreateTimestamp: new Date(stream.createdAt),
        ...(stream.lastUpdatedAt !== undefined && { LastUpdateTimestamp: new Date(stream.lastUpdatedAt) }),
        ...(stream.source && {
          Source: {
            KinesisStreamSourceDescription: {
              KinesisStreamARN: stream.source.kinesisStreamArn,
              RoleARN: stream.source.roleArn,
              DeliveryStartTimestamp: new Date(stream.source.deliveryStartTimestamp),
            },
          },
        }),
        Destinations: [describeDestination(stream.destinationKind, stream.destinationConfig)],
        HasMoreDestinations: false,
      },
    };
  },
};
