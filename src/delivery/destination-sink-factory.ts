// Builds the Sink for a destination: S3-style settings land in a directory bucket or, when the
// server is configured with an S3 endpoint (config `firehose.s3`), on that endpoint; HTTP endpoints
// get Firehose's request format; PostgreSQL and DuckDB destinations insert rows. Given to the
// DeliveryEngine as its sinkFactory (also for the S3 backup / error output of other destinations).

import { join, resolve } from 'node:path';
import type { Config } from '../config/config-schema.js';
import type { Clock } from '../engine/clock.js';
import type { DeliveryStreamDefinition, DestinationSettings } from './delivery-stream-definition.js';
import type { Sink } from './sink.js';
import { DuckDbSink } from './sinks/duckdb-sink.js';
import { HttpEndpointSink } from './sinks/http-endpoint-sink.js';
import { createObjectSink } from './sinks/object-sink-factory.js';
import { PostgresSink } from './sinks/postgres-sink.js';

/** The S3-compatible endpoint object destinations use instead of directory buckets. */
export interface S3EndpointSettings {
  readonly endpoint: string;
  readonly region: string;
  readonly forcePathStyle: boolean;
  /** Static credentials; the SDK's default chain when absent. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface DestinationSinkFactoryOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  /** ARN used as X-Amz-Firehose-Source-Arn when the caller does not name the stream. */
  readonly fallbackSourceArn: string;
  /** Absent: S3 destinations are directories under `<dataDir>/buckets`. */
  readonly s3Endpoint?: S3EndpointSettings;
}

/** Where DuckDB destinations' relative database paths (`jdbc:duckdb:<path>`) are resolved. */
export function warehousesDir(dataDir: string): string {
  return join(dataDir, 'warehouses');
}

/** The `firehose.s3` configuration as endpoint settings (undefined without an endpoint). */
export function s3EndpointFromConfig(s3: Config['firehose']['s3'], serverRegion: string): S3EndpointSettings | undefined {
  if (s3.endpoint === undefined) return undefined;
  return {
    endpoint: s3.endpoint,
    region: s3.region ?? serverRegion,
    forcePathStyle: s3.forcePathStyle,
    ...(s3.accessKeyId !== undefined && s3.secretAccessKey !== undefined && { credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } }),
  };
}

export function destinationSinkFactory(options: DestinationSinkFactoryOptions): (destination: DestinationSettings, stream?: DeliveryStreamDefinition) => Sink {
  const s3 = options.s3Endpoint;
  return (destination, stream) => {
    switch (destination.kind) {
      case 's3':
        if (s3 === undefined || destination.endpoint !== undefined) return createObjectSink(destination, { dataDir: options.dataDir });
        return createObjectSink(
          { ...destination, endpoint: s3.endpoint, region: s3.region },
          { dataDir: options.dataDir, s3: { forcePathStyle: s3.forcePathStyle }, ...(s3.credentials !== undefined && { credentials: s3.credentials }) },
        );
      case 'http-endpoint':
        return new HttpEndpointSink({
          url: destination.url,
          ...(destination.accessKey !== undefined && { accessKey: destination.accessKey }),
          contentEncoding: destination.contentEncoding,
          commonAttributes: destination.commonAttributes,
          sourceArn: stream?.arn ?? options.fallbackSourceArn,
          clock: options.clock,
        });
      case 'postgres':
        return new PostgresSink({
          connectionString: destination.connectionString,
          table: destination.table,
          ...(destination.columns !== undefined && { columns: destination.columns.map((name) => ({ name })) }),
          ...(destination.recordIdColumn !== undefined && { recordIdColumn: destination.recordIdColumn }),
          ...(destination.recordIdField !== undefined && { recordIdField: destination.recordIdField }),
        });
      case 'duckdb':
        return new DuckDbSink({
          path: resolve(warehousesDir(options.dataDir), destination.path),
          table: destination.table,
          ...(destination.columns !== undefined && { columns: destination.columns.map((name) => ({ name })) }),
          ...(destination.recordIdColumn !== undefined && { recordIdColumn: destination.recordIdColumn }),
          ...(destination.recordIdField !== undefined && { recordIdField: destination.recordIdField }),
        });
    }
  };
}
