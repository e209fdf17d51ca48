// What every Kinesis operation file receives: the control plane (streams) and the data plane (records).

import type { StreamRegistry } from '../../engine/streams/stream-registry.js';
import type { RecordService } from '../../engine/streams/record-service.js';

export interface KinesisDeps {
  readonly streams: StreamRegistry;
  readonly records: RecordService;
}
