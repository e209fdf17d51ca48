// The file extension Firehose gives an object (FIREHOSE.md §5): the configured FileExtension, else
// `.parquet` with format conversion, else by compression (`.hsnappy` for Hadoop-Snappy is recalled
// from the docs' table, not re-verified), else none.
import type { FormatSettings } from '../delivery-stream-definition.js';

const BY_COMPRESSION = { UNCOMPRESSED: '', GZIP: '.gz', ZIP: '.zip', Snappy: '.snappy', HADOOP_SNAPPY: '.hsnappy' } as const;

export function fileExtension(settings: FormatSettings): string {
  if (settings.fileExtension !== undefined && settings.fileExtension !== '') return settings.fileExtension;
  if (settings.formatConversion !== undefined) return '.parquet';
  return BY_COMPRESSION[settings.compression];
}
