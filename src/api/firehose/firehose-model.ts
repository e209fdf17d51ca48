// The Firehose service model Tributary validates against: AWS's model with three documented local
// deviations: HTTP endpoint URLs may be http:// (AWS: https:// only) and PutRecordBatch's 500-record
// limit is checked by the operation, which answers InvalidArgumentException as FIREHOSE.md §3 says,
// instead of the model's ValidationException (docs/decisions/0010); a Redshift ClusterJDBCURL may
// name any PostgreSQL server or a DuckDB file, checked by warehouse-url.ts (docs/decisions/0009).

import { loadServiceModel, type ListShape, type ServiceModel, type StringShape } from '../model/service-model.js';

let cached: ServiceModel | undefined;

export function firehoseModel(): ServiceModel {
  if (cached) return cached;
  const aws = loadServiceModel('firehose');
  const url = aws.shape('HttpEndpointUrl') as StringShape;
  const { pattern: _jdbcPattern, ...jdbc } = aws.shape('ClusterJDBCURL') as StringShape;
  const { max: _max, ...records } = aws.shape('PutRecordBatchRequestEntryList') as ListShape;
  cached = aws.withShapes({
    HttpEndpointUrl: { ...url, pattern: 'https?://.*' },
    PutRecordBatchRequestEntryList: records,
    ClusterJDBCURL: jdbc,
  });
  return cached;
}
