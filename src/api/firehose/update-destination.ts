// UpdateDestination: checks the version id, merges an update of the same destination type (a
// different type replaces it), stores the new version and restarts delivery with it.

import type { DestinationKind } from '../../delivery/delivery-stream-registry.js';
import { deliveryStreamInStatus, invalidFirehoseArgument, versionIdMismatch } from '../../errors/firehose-errors.js';
import type { Operation } from '../operation.js';
import { resolveDestination } from './destination-config.js';
import { mergeRedshiftUpdate } from './redshift-destination.js';
import { mergeExtendedS3Update } from './source-record-backup.js';
import type { FirehoseDeps } from './firehose-deps.js';

const UPDATE_MEMBERS: Readonly<Record<string, DestinationKind>> = {
  ExtendedS3DestinationUpdate: 'ExtendedS3',
  S3DestinationUpdate: 'S3',
  HttpEndpointDestinationUpdate: 'HttpEndpoint',
  RedshiftDestinationUpdate: 'Redshift',
};

export const updateDestination: Operation<FirehoseDeps> = {
  name: 'UpdateDestination',
  async handle(input, deps) {
    const stream = deps.registry.require(input.DeliveryStreamName as string);
    const status = deps.registry.statusOf(stream);
    if (status !== 'ACTIVE') throw deliveryStreamInStatus(stream.name, status);
    const given = input.CurrentDeliveryStreamVersionId as string;
    if (given !== String(stream.versionId)) throw versionIdMismatch(stream.name, String(stream.versionId), given);
    if (input.DestinationId !== 'destinationId-000000000001') throw invalidFirehoseArgument(`Destination ${String(input.DestinationId)} not found.`);
    const unsupported = Object.keys(input).find((m) => m.endsWith('DestinationUpdate') && input[m] !== undefined && UPDATE_MEMBERS[m] === undefined);
    if (unsupported !== undefined) throw invalidFirehoseArgument(`${unsupported} is not supported by Tributary.`);
    const members = Object.keys(UPDATE_MEMBERS).filter((m) => input[m] !== undefined);
    if (members.length !== 1) throw invalidFirehoseArgument('Exactly one destination update must be specified.');
    const update = input[members[0]!] as Record<string, unknown>;
    let kind = UPDATE_MEMBERS[members[0]!]!;
    // An S3 update of an ExtendedS3 destination keeps it extended (the fields are common).
    if (kind === 'S3' && stream.destinationKind === 'ExtendedS3') kind = 'ExtendedS3';
    const same = kind === stream.destinationKind;
    const current = same ? stream.destinationConfig : undefined;
    const config = kind === 'Redshift' ? mergeRedshiftUpdate(current, update)
      : kind === 'ExtendedS3' ? mergeExtendedS3Update(current, update)
      : { ...current, ...update };
    const destination = resolveDestination(kind, config);
    await deps.registry.update(stream.name, { destinationKind: kind, destinationConfig: config, destination }, true);
    return {};
  },
};
