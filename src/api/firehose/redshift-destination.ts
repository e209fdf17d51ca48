// The Redshift destination type as Tributary's SQL warehouse destination (docs/decisions/0009):
// ClusterJDBCURL picks PostgreSQL (any PostgreSQL-protocol server, Redshift included) or DuckDB,
// CopyCommand names the table, its columns and the RECORD_ID clause, S3Configuration is the error /
// backup output. Records are inserted directly (no S3 staging + COPY). Describe never echoes Password.

import type { DestinationDefinition } from '../../delivery/delivery-stream-definition.js';
import { invalidFirehoseArgument } from '../../errors/firehose-errors.js';
import { parseCopyOptions } from './copy-options.js';
import { DESTINATION_ID, bufferingHints, processing, s3Description, s3Settings } from './destination-config.js';
import { parseWarehouseUrl } from './warehouse-url.js';

type Wire = Readonly<Record<string, unknown>>;

const NAME = '[A-Za-z_][A-Za-z0-9_$]*';
const TABLE_NAME = new RegExp(`^${NAME}(\\.${NAME})?$`);
const COLUMN_NAME = new RegExp(`^${NAME}$`);

function required(config: Wire, member: string): unknown {
  if (config[member] === undefined) throw invalidFirehoseArgument(`${member} is required for a Redshift destination.`);
  return config[member];
}

function columnsOf(text: unknown): string[] | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const columns = text.split(',').map((c) => c.trim());
  const bad = columns.find((c) => !COLUMN_NAME.test(c));
  if (bad !== undefined) throw invalidFirehoseArgument(`DataTableColumns must be a comma-separated list of column names (letters, digits, _ and $): ${JSON.stringify(bad)}.`);
  const dup = columns.find((c, i) => columns.indexOf(c) !== i);
  if (dup !== undefined) throw invalidFirehoseArgument(`DataTableColumns names column ${dup} twice.`);
  return columns;
}

/** The engine's destination for a RedshiftDestinationConfiguration, or InvalidArgumentException. */
export function resolveRedshiftDestination(config: Wire): DestinationDefinition {
  const url = required(config, 'ClusterJDBCURL') as string;
  const copy = required(config, 'CopyCommand') as { DataTableName?: string; DataTableColumns?: string; CopyOptions?: string };
  const s3 = required(config, 'S3Configuration') as Wire;
  const secrets = config.SecretsManagerConfiguration as { Enabled?: boolean } | undefined;
  if (secrets?.Enabled === true) throw invalidFirehoseArgument('SecretsManagerConfiguration is not supported by Tributary; give Username and Password.');
  const compression = (s3.CompressionFormat as string | undefined) ?? 'UNCOMPRESSED';
  if (compression !== 'UNCOMPRESSED' && compression !== 'GZIP') {
    throw invalidFirehoseArgument(`CompressionFormat ${compression} is not supported for Redshift destinations; use UNCOMPRESSED or GZIP.`);
  }
  const table = copy.DataTableName ?? '';
  if (!TABLE_NAME.test(table)) {
    throw invalidFirehoseArgument(`DataTableName ${JSON.stringify(table)} must be a table name, optionally schema-qualified (schema.table), of letters, digits, _ and $.`);
  }
  const columns = columnsOf(copy.DataTableColumns);
  const options = parseCopyOptions(copy.CopyOptions);
  const target = parseWarehouseUrl(url, config.Username as string | undefined, config.Password as string | undefined);
  const warehouse = {
    table,
    ...(columns !== undefined && { columns }),
    ...(options.recordIdColumn !== undefined && { recordIdColumn: options.recordIdColumn }),
    ...(options.recordIdField !== undefined && { recordIdField: options.recordIdField }),
    backup: s3Settings(s3, false),
  };
  const proc = processing(config);
  return {
    destinationId: DESTINATION_ID,
    settings: target.kind === 'postgres' ? { kind: 'postgres', connectionString: target.connectionString, ...warehouse } : { kind: 'duckdb', path: target.path, ...warehouse },
    bufferingHints: bufferingHints(s3.BufferingHints, { sizeInMBs: 5, intervalInSeconds: 300 }),
    processing: { ...proc, appendNewline: false },
    format: { appendNewline: false, compression: 'UNCOMPRESSED' },
  };
}

/** A RedshiftDestinationUpdate merged over the current configuration (S3Update → S3Configuration). */
export function mergeRedshiftUpdate(current: Wire | undefined, update: Wire): Wire {
  const { S3Update: s3Update, S3BackupUpdate: backupUpdate, ...rest } = update;
  const base = current ?? {};
  return {
    ...base,
    ...rest,
    ...(s3Update !== undefined && { S3Configuration: { ...((base.S3Configuration as Wire | undefined) ?? {}), ...(s3Update as Wire) } }),
    ...(backupUpdate !== undefined && { S3BackupConfiguration: { ...((base.S3BackupConfiguration as Wire | undefined) ?? {}), ...(backupUpdate as Wire) } }),
  };
}

/** The RedshiftDestinationDescription (no Password, defaults explicit). */
export function describeRedshiftDestination(config: Wire): Wire {
  const { Password: password, S3Configuration: s3, S3BackupConfiguration: backup, ...rest } = config;
  void password;
  return {
    DestinationId: DESTINATION_ID,
    RedshiftDestinationDescription: {
      RetryOptions: { DurationInSeconds: 3600 },
      S3BackupMode: 'Disabled',
      CloudWatchLoggingOptions: { Enabled: false },
      ...rest,
      S3DestinationDescription: s3Description((s3 ?? {}) as Wire),
      ...(backup !== undefined && { S3BackupDescription: s3Description(backup as Wire) }),
    },
  };
}
