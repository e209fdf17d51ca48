// CreateDeliveryStream: validates the source and the single destination, stores the stream
// (CREATING, then ACTIVE) and returns its ARN.

import { invalidFirehoseArgument, invalidKinesisSource } from '../../errors/firehose-errors.js';
import type { Operation } from '../operation.js';
import { pickDestination, resolveDestination } from './destination-config.js';
import type { FirehoseDeps } from './firehose-deps.js';

export const createDeliveryStream: Operation<FirehoseDeps> = {
  name: 'CreateDeliveryStream',
  async handle(input, deps) {
    const name = input.DeliveryStreamName as string;
    const type = (input.DeliveryStreamType as string | undefined) ?? 'DirectPut';
    if (type !== 'DirectPut' && type !== 'KinesisStreamAsSource') throw invalidFirehoseArgument(`DeliveryStreamType ${type} is not supported by Tributary.`);
    const sourceConf = input.KinesisStreamSourceConfiguration as { KinesisStreamARN: string; RoleARN: string } | undefined;
    if (type === 'KinesisStreamAsSource' && !sourceConf) throw invalidFirehoseArgument('KinesisStreamSourceConfiguration is required for KinesisStreamAsSource.');
    if (type === 'DirectPut' && sourceConf) throw invalidFirehoseArgument('KinesisStreamSourceConfiguration is only allowed for KinesisStreamAsSource.');
    if (sourceConf) {
      try {
        deps.streams.require({ streamArn: sourceConf.KinesisStreamARN });
      } catch {
        throw invalidKinesisSource(sourceConf.KinesisStreamARN);
      }
    }
    const { kind, config } = pickDestination(input);
    const destination = resolveDestination(kind, config);
    const tags = Object.fromEntries(((input.Tags as { Key: string; Value?: string }[] | undefined) ?? []).map((t) => [t.Key, t.Value ?? '']));
    const stream = await deps.registry.create({
      name,
      type,
      destinationKind: kind,
      destinationConfig: config,
      destination,
      ...(sourceConf && { source: { kinesisStreamArn: sourceConf.KinesisStreamARN, roleArn: sourceConf.RoleARN } }),
      tags,
    });
    return { DeliveryStreamARN: stream.arn };
  },
};
