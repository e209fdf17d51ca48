// Auth mode 'presence': a request must carry a well-formed SigV4 Authorization header or presigned
// query, checked the way AWS's front end does before verifying anything. Signatures themselves are
// not verified (any credentials work), which is what local clients with dummy keys need.

import type { IncomingHttpHeaders } from 'node:http';
import type { AwsError } from '../errors/aws-error.js';
import {
  bothAuthMethods,
  incompleteSignatureHeader,
  incompleteSignatureQuery,
  missingAuthenticationToken,
} from '../errors/common-errors.js';

const HEADER_PARTS = ['Credential', 'Signature', 'SignedHeaders'] as const;
const QUERY_PARTS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', 'X-Amz-SignedHeaders', 'X-Amz-Date'] as const;

function headerParams(authorization: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const part of authorization.split(/,| /).slice(1)) {
    if (part === '') continue;
    const [name = '', value = ''] = part.trim().split('=');
    params.set(name, value);
  }
  return params;
}

/** The error AWS gives for the request's credentials, or undefined when they are present and complete. */
export function checkPresenceAuth(headers: IncomingHttpHeaders, query: URLSearchParams): AwsError | undefined {
  const authorization = headers.authorization;
  const presigned = query.has('X-Amz-Algorithm');
  if (authorization !== undefined && presigned) return bothAuthMethods();
  if (authorization === undefined && !presigned) return missingAuthenticationToken();
  if (authorization !== undefined) {
    const params = headerParams(authorization);
    const missing = HEADER_PARTS.filter((name) => !params.get(name));
    const missingDate = headers['x-amz-date'] === undefined && headers.date === undefined;
    return missing.length > 0 || missingDate ? incompleteSignatureHeader(missing, missingDate, authorization) : undefined;
  }
  const missing = QUERY_PARTS.filter((name) => !query.get(name));
  return missing.length > 0 ? incompleteSignatureQuery(missing) : undefined;
}
