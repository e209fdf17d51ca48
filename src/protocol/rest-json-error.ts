// How an AwsError is written by a rest-json service: status, `x-amzn-ErrorType: <Code>` (the
// header SDKs read the code from), and a JSON body. Services whose error bodies carry more
// (Lambda: `Type`, `Message` vs `message`, `Reason`) expose it through RestJsonErrorDetails.

import type { AwsError } from '../errors/aws-error.js';
import { encodeJson } from './json-codec.js';
import { REST_JSON_CONTENT_TYPE, type RestJsonResponse } from './rest-json-response.js';

/** Optional body details an AwsError subclass may carry. */
export interface RestJsonErrorDetails {
  /** Body key of the message (default `message`). */
  readonly messageKey?: 'message' | 'Message';
  /** Body `Type` member, when the service sends one. */
  readonly kind?: string;
  /** Extra body members. */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The response for `err`. */
export function restJsonErrorResponse(err: AwsError): RestJsonResponse {
  const details = err as AwsError & RestJsonErrorDetails;
  const doc: Record<string, unknown> = {};
  if (details.kind !== undefined) doc.Type = details.kind;
  if (err.hasMessage) doc[details.messageKey ?? 'message'] = err.message;
  if (details.fields) Object.assign(doc, details.fields);
  return {
    status: err.statusCode,
    headers: { ...details.headers, 'x-amzn-ErrorType': err.type, 'Content-Type': REST_JSON_CONTENT_TYPE },
    body: encodeJson(doc),
  };
}
