// Turns a wire destination configuration (ExtendedS3 / S3 / HttpEndpoint; Redshift in
// redshift-destination.ts) into the engine's
// DestinationDefinition, checking the rules the model cannot express, and back into the
// description DescribeDeliveryStream echoes (defaults filled in explicitly, as AWS does).

import type { DestinationKind } from '../../delivery/delivery-stream-registry.js';
import type {
  BufferingHints,
  CompressionFormat,
  DestinationDefinition,
  FormatConversionSettings,
  ProcessingSettings,
  S3DestinationSettings,
} from '../../delivery/delivery-stream-definition.js';
import { invalidFirehoseArgument } from '../../errors/firehose-errors.js';
import { describeRedshiftDestination, resolveRedshiftDestination } from './redshift-destination.js';
import { resolveSourceRecordBackup } from './source-record-backup.js';

type Wire = Readonly<Record<string, unknown>>;

export const DESTINATION_ID = 'destinationId-000000000001';
const S3_DEFAULTS: Wire = {
  BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
  CompressionFormat: 'UNCOMPRESSED',
  EncryptionConfiguration: { NoEncryptionConfig: 'NoEncryption' },
  CloudWatchLoggingOptions: { Enabled: false },
};

export const CONFIG_MEMBERS: Readonly<Record<string, DestinationKind>> = {
  ExtendedS3DestinationConfiguration: 'ExtendedS3',
  S3DestinationConfiguration: 'S3',
  HttpEndpointDestinationConfiguration: 'HttpEndpoint',
  RedshiftDestinationConfiguration: 'Redshift',
};
const UNSUPPORTED = [
  'ElasticsearchDestinationConfiguration',
  'AmazonopensearchserviceDestinationConfiguration',
  'SplunkDestinationConfiguration',
  'AmazonOpenSearchServerlessDestinationConfiguration',
  'SnowflakeDestinationConfiguration',
  'IcebergDestinationConfiguration',
];

/** The single destination configuration of a CreateDeliveryStream input. */
export function pickDestination(input: Wire): { kind: DestinationKind; config: Wire } {
  const unsupported = UNSUPPORTED.filter((member) => input[member] !== undefined);
  if (unsupported.length > 0) throw invalidFirehoseArgument(`${unsupported[0]} is not supported by Tributary.`);
  const given = Object.keys(CONFIG_MEMBERS).filter((member) => input[member] !== undefined);
  if (given.length !== 1) throw invalidFirehoseArgument('Exactly one destination configuration must be specified.');
  return { kind: CONFIG_MEMBERS[given[0]!]!, config: input[given[0]!] as Wire };
}

export function bufferingHints(value: unknown, defaults: BufferingHints): BufferingHints {
  const hints = value as { SizeInMBs?: number; IntervalInSeconds?: number } | undefined;
  if (!hints) return defaults;
  if ((hints.SizeInMBs === undefined) !== (hints.IntervalInSeconds === undefined)) {
    throw invalidFirehoseArgument('BufferingHints: if you specify SizeInMBs you must also specify IntervalInSeconds, and vice versa.');
  }
  return { sizeInMBs: hints.SizeInMBs ?? defaults.sizeInMBs, intervalInSeconds: hints.IntervalInSeconds ?? defaults.intervalInSeconds };
}

function bucketOf(arn: unknown): string {
  const match = typeof arn === 'string' ? /^arn:[^:]+:s3:::([^/]+)$/.exec(arn) : null;
  if (!match) throw invalidFirehoseArgument(`Invalid BucketARN: ${String(arn)}`);
  return match[1]!;
}

export function s3Settings(config: Wire, needsErrorPrefix: boolean): S3DestinationSettings {
  const prefix = typeof config.Prefix === 'string' ? config.Prefix : '';
  const errorOutputPrefix = typeof config.ErrorOutputPrefix === 'string' && config.ErrorOutputPrefix !== '' ? config.ErrorOutputPrefix : undefined;
  if ((needsErrorPrefix || prefix.includes('!{')) && errorOutputPrefix === undefined) {
    throw invalidFirehoseArgument('ErrorOutputPrefix cannot be null or empty when Prefix contains expressions or dynamic partitioning is enabled.');
  }
  return {
    kind: 's3',
    bucket: bucketOf(config.BucketARN),
    prefix,
    ...(errorOutputPrefix !== undefined && { errorOutputPrefix }),
    ...(typeof config.CustomTimeZone === 'string' && { customTimeZone: config.CustomTimeZone }),
    ...(typeof config.CompressionFormat === 'string' && { compression: config.CompressionFormat as CompressionFormat }),
  };
}

export function processing(config: Wire): ProcessingSettings {
  const conf = config.ProcessingConfiguration as { Enabled?: boolean; Processors?: { Type: string; Parameters?: { ParameterName: string; ParameterValue: string }[] }[] } | undefined;
  if (!conf || conf.Enabled === false) return { appendNewline: false };
  let out: ProcessingSettings = { appendNewline: false };
  for (const processor of conf.Processors ?? []) {
    const params = new Map((processor.Parameters ?? []).map((p) => [p.ParameterName, p.ParameterValue]));
    const num = (name: string, fallback: number): number => {
      const raw = params.get(name);
      const value = raw === undefined ? fallback : Number(raw);
      if (!Number.isFinite(value) || value < 0) throw invalidFirehoseArgument(`Invalid value ${raw} for processor parameter ${name}.`);
      return value;
    };
    if (processor.Type === 'Lambda') {
      const lambdaArn = params.get('LambdaArn');
      if (!lambdaArn) throw invalidFirehoseArgument('LambdaArn must be specified for the Lambda processor.');
      out = { ...out, transformation: { lambdaArn, numberOfRetries: num('NumberOfRetries', 3), bufferSizeInMBs: num('BufferSizeInMBs', 1), bufferIntervalInSeconds: num('BufferIntervalInSeconds', 60) } };
    } else if (processor.Type === 'AppendDelimiterToRecord') {
      out = { ...out, appendNewline: true };
    } else if (processor.Type === 'MetadataExtraction') {
      const query = params.get('MetadataExtractionQuery');
      if (!query) throw invalidFirehoseArgument('MetadataExtractionQuery must be specified for the MetadataExtraction processor.');
      out = { ...out, metadataExtractionQuery: query };
    } else if (processor.Type === 'RecordDeAggregation') {
      const subRecordType = params.get('SubRecordType') ?? 'JSON';
      if (subRecordType !== 'JSON' && subRecordType !== 'DELIMITED') throw invalidFirehoseArgument(`Invalid SubRecordType ${subRecordType}.`);
      const delimiter = params.get('Delimiter');
      if (subRecordType === 'DELIMITED' && (delimiter === undefined || !/^[A-Za-z0-9+/]+={0,2}$/.test(delimiter) || Buffer.from(delimiter, 'base64').length === 0)) {
        throw invalidFirehoseArgument('RecordDeAggregation with SubRecordType DELIMITED needs a base64-encoded, non-empty Delimiter.');
      }
      out = { ...out, deAggregation: { subRecordType, ...(delimiter !== undefined && { delimiterBase64: delimiter }) } };
    } else {
      throw invalidFirehoseArgument(`Processor type ${processor.Type} is not supported by Tributary.`);
    }
  }
  return out;
}

function formatConversion(config: Wire): FormatConversionSettings | undefined {
  const conf = config.DataFormatConversionConfiguration as { Enabled?: boolean; OutputFormatConfiguration?: { Serializer?: { ParquetSerDe?: { Compression?: string }; OrcSerDe?: unknown } } } | undefined;
  if (!conf || conf.Enabled === false) return undefined;
  const serializer = conf.OutputFormatConfiguration?.Serializer;
  if (serializer?.OrcSerDe !== undefined || serializer?.ParquetSerDe === undefined) {
    throw invalidFirehoseArgument('Only ParquetSerDe output is supported by Tributary.');
  }
  const compression = serializer.ParquetSerDe.Compression ?? 'SNAPPY';
  if (compression !== 'SNAPPY' && compression !== 'GZIP' && compression !== 'UNCOMPRESSED') throw invalidFirehoseArgument(`Invalid Parquet compression ${compression}.`);
  return { outputFormat: 'PARQUET', parquetCompression: compression };
}

/** http:// or https:// with a host (http:// is a local deviation: AWS requires https). */
function checkEndpointUrl(url: string | undefined): void {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url ?? '');
  } catch {
    parsed = undefined;
  }
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    throw invalidFirehoseArgument(`Invalid HTTP endpoint URL: ${String(url)}`);
  }
}

/** The engine's destination, or InvalidArgumentException. */
export function resolveDestination(kind: DestinationKind, config: Wire): DestinationDefinition {
  if (kind === 'Redshift') return resolveRedshiftDestination(config);
  const proc = processing(config);
  if (kind === 'HttpEndpoint') {
    const endpoint = (config.EndpointConfiguration ?? {}) as { Url?: string; Name?: string; AccessKey?: string };
    const request = (config.RequestConfiguration ?? {}) as { ContentEncoding?: 'NONE' | 'GZIP'; CommonAttributes?: { AttributeName: string; AttributeValue: string }[] };
    const retry = config.RetryOptions as { DurationInSeconds?: number } | undefined;
    checkEndpointUrl(endpoint.Url);
    return {
      destinationId: DESTINATION_ID,
      settings: {
        kind: 'http-endpoint',
        url: endpoint.Url ?? '',
        ...(endpoint.Name !== undefined && { name: endpoint.Name }),
        ...(endpoint.AccessKey !== undefined && { accessKey: endpoint.AccessKey }),
        contentEncoding: request.ContentEncoding ?? 'NONE',
        commonAttributes: Object.fromEntries((request.CommonAttributes ?? []).map((a) => [a.AttributeName, a.AttributeValue])),
        retryDurationInSeconds: retry?.DurationInSeconds ?? 300,
        s3BackupMode: config.S3BackupMode === 'AllData' ? 'AllData' : 'FailedDataOnly',
        backup: s3Settings((config.S3Configuration ?? {}) as Wire, false),
      },
      bufferingHints: bufferingHints(config.BufferingHints, { sizeInMBs: 5, intervalInSeconds: 300 }),
      processing: proc,
      format: { appendNewline: proc.appendNewline, compression: 'UNCOMPRESSED' },
    };
  }
  const partitioning = config.DynamicPartitioningConfiguration as { Enabled?: boolean; RetryOptions?: { DurationInSeconds?: number } } | undefined;
  const dynamic = kind === 'ExtendedS3' && partitioning?.Enabled === true;
  const conversion = kind === 'ExtendedS3' ? formatConversion(config) : undefined;
  const compression = (config.CompressionFormat ?? 'UNCOMPRESSED') as CompressionFormat;
  if (conversion && compression !== 'UNCOMPRESSED') throw invalidFirehoseArgument('CompressionFormat must be UNCOMPRESSED when record format conversion is enabled.');
  const hints = bufferingHints(config.BufferingHints, conversion ? { sizeInMBs: 128, intervalInSeconds: 300 } : { sizeInMBs: 5, intervalInSeconds: 300 });
  if (conversion && hints.sizeInMBs < 64) throw invalidFirehoseArgument('BufferingHints.SizeInMBs must be at least 64 when record format conversion is enabled.');
  const sourceRecordBackup = kind === 'ExtendedS3' ? resolveSourceRecordBackup(config) : undefined;
  return {
    destinationId: DESTINATION_ID,
    settings: s3Settings(config, dynamic),
    ...(sourceRecordBackup && { sourceRecordBackup }),
    bufferingHints: hints,
    processing: kind === 'ExtendedS3' ? proc : { appendNewline: false },
    ...(partitioning && kind === 'ExtendedS3' && {
      dynamicPartitioning: { enabled: dynamic, ...(partitioning.RetryOptions?.DurationInSeconds !== undefined && { retryDurationInSeconds: partitioning.RetryOptions.DurationInSeconds }) },
    }),
    format: {
      appendNewline: kind === 'ExtendedS3' && proc.appendNewline,
      compression,
      ...(conversion && { formatConversion: conversion }),
      ...(kind === 'ExtendedS3' && typeof config.FileExtension === 'string' && { fileExtension: config.FileExtension }),
    },
  };
}

export function s3Description(config: Wire): Wire {
  const { S3BackupConfiguration: backup, ...rest } = config;
  void backup;
  return { ...S3_DEFAULTS, Prefix: '', ...rest };
}

/** An S3DestinationDescription: the S3DestinationConfiguration members, defaults explicit. */
function s3OnlyDescription(config: Wire): Wire {
  const plain = s3Description(config);
  return Object.fromEntries(
    ['RoleARN', 'BucketARN', 'Prefix', 'ErrorOutputPrefix', 'BufferingHints', 'CompressionFormat', 'EncryptionConfiguration', 'CloudWatchLoggingOptions'].filter((k) => plain[k] !== undefined).map((k) => [k, plain[k]]),
  );
}

/** The `Destinations[0]` entry of DescribeDeliveryStream. */
export function describeDestination(kind: DestinationKind, config: Wire): Wire {
  if (kind === 'Redshift') return describeRedshiftDestination(config);
  if (kind === 'HttpEndpoint') {
    const { EndpointConfiguration: endpoint, S3Configuration: s3, ...rest } = config as Wire & { EndpointConfiguration?: { Url?: string; Name?: string } };
    return {
      DestinationId: DESTINATION_ID,
      HttpEndpointDestinationDescription: {
        BufferingHints: { SizeInMBs: 5, IntervalInSeconds: 300 },
        CloudWatchLoggingOptions: { Enabled: false },
        S3BackupMode: 'FailedDataOnly',
        ...rest,
        EndpointConfiguration: { Url: endpoint?.Url, ...(endpoint?.Name !== undefined && { Name: endpoint.Name }) },
        S3DestinationDescription: s3Description((s3 ?? {}) as Wire),
      },
    };
  }
  const plain = s3Description(config);
  const s3Only = s3OnlyDescription(config);
  if (kind === 'S3') return { DestinationId: DESTINATION_ID, S3DestinationDescription: s3Only };
  const backup = config.S3BackupConfiguration as Wire | undefined;
  return {
    DestinationId: DESTINATION_ID,
    ExtendedS3DestinationDescription: { S3BackupMode: 'Disabled', ...plain, ...(backup !== undefined && { S3BackupDescription: s3OnlyDescription(backup) }) },
    S3DestinationDescription: s3Only,
  };
}
