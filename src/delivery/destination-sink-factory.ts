// Builds the Sink for a destination: S3-style settings land in a directory bucket or an
// S3-compatible endpoint, HTTP endpoints get Firehose's request format, PostgreSQL and DuckDB
// destinations insert rows. Given to the DeliveryEngine as its sinkFactory.

import type { Clock } from '../engine/clock.js';
import type { DeliveryStreamDefinition, DestinationSettings } from './delivery-stream-definition.js';
import type { Sink } from './sink.js';
import { DuckDbSink } from './sinks/duckdb-sink.js';
import { HttpEndpointSink } from './sinks/http-endpoint-sink.js';
import { createObjectSink } from './sinks/object-sink-factory.js';
import { PostgresSink } from './sinks/postgres-sink.js';

export interface DestinationSinkFactoryOptions {
  readonly dataDir: string;
  readonly clock: Clock;
  /** ARN used as X-Amz-Firehose-Source-Arn when the caller does not name the stream. */
  readonly fallbackSourceArn: string;
}

export function destinationSinkFactory(options: DestinationSinkFactoryOptions): (destination: DestinationSettings, stream?: DeliveryStreamDefinition) => Sink {
  return (destination, stream) => {
    switch (destination.kind) {
      case 's3':
        return createObjectSink(destination, { dataDir: options.dataDir });
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
          ...(destination.recordIdColumn !== undefined && { recordIdColumn: destination.recordIdColumn }),
          ...(destination.recordIdField !== undefined && { recordIdField: destination.recordIdField }),
        });
      case 'duckdb':
        return new DuckDbSink({
          path: destination.path,
          table: destination.table,
          ...(destination.recordIdColumn !== undefined && { recordIdColumn: destination.recordIdColumn }),
          ...(destination.recordIdField !== undefined && { recordIdField: destination.recordIdField }),
        });
    }
  };
}
