// The code source of CreateFunction's `Code` or UpdateFunctionCode's members: a zip upload is
// the only one this server can take (no S3, no container images).

import { codeSourceMissing, imagePackageUnsupported, s3BucketNotFound } from '../../errors/lambda-errors.js';
import type { CodeSource } from '../../functions/function-record.js';

interface CodeMembers {
  readonly ZipFile?: Buffer;
  readonly S3Bucket?: string;
  readonly ImageUri?: string;
}

/** The zip to unpack; throws InvalidParameterValueException for S3, image or missing code. */
export function codeSourceOf(code: CodeMembers | undefined, packageType?: unknown): CodeSource {
  if (packageType === 'Image' || code?.ImageUri !== undefined) throw imagePackageUnsupported();
  if (code?.ZipFile !== undefined) return { kind: 'zip', zip: code.ZipFile };
  if (code?.S3Bucket !== undefined) throw s3BucketNotFound();
  throw codeSourceMissing();
}
