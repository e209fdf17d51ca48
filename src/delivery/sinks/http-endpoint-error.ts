// Why an HTTP endpoint delivery failed, with Firehose's error codes (FIREHOSE.md §11) so the
// pipeline can retry (or not, for 413) and write the backup/error record with AWS's wording.

/** Firehose's error codes for HTTP endpoint delivery failures. */
export type HttpEndpointErrorCode =
  | 'HttpEndpoint.DestinationException'
  | 'HttpEndpoint.RequestTimeout'
  | 'HttpEndpoint.ResponseTooLarge'
  | 'HttpEndpoint.InvalidResponseFromDestination'
  | 'HttpEndpoint.ConnectionFailed'
  | 'HttpEndpoint.ConnectionReset';

export class HttpEndpointDeliveryError extends Error {
  override readonly name = 'HttpEndpointDeliveryError';
  constructor(
    readonly code: HttpEndpointErrorCode,
    message: string,
    /** HTTP status of the endpoint's answer, when there was one. */
    readonly status: number | undefined,
    /** True for 413 (Request Entity Too Large): Firehose does not retry it. */
    readonly permanent: boolean,
  ) {
    super(message);
  }
}
