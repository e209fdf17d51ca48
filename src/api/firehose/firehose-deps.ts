// What the Firehose operation files need: the delivery stream registry, the DirectPut ingest path
// and the Kinesis stream registry (to check a KinesisStreamAsSource stream exists).

import type { DeliveryStreamRegistry } from '../../delivery/delivery-stream-registry.js';
import type { DirectPutIngest } from '../../delivery/sources/direct-put-ingest.js';
import type { StreamRegistry } from '../../engine/streams/stream-registry.js';

export interface FirehoseDeps {
  readonly registry: DeliveryStreamRegistry;
  readonly ingest: DirectPutIngest;
  readonly streams: StreamRegistry;
}
