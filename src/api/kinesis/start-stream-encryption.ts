// StartStreamEncryption: records KMS encryption with the given key (UPDATING, then ACTIVE). The
// key is not checked against KMS and records are not encrypted: this is reported state only.

import type { Operation } from '../operation.js';
import { encryptionTypeMustBeKms } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';

export const startStreamEncryption: Operation<KinesisDeps> = {
  name: 'StartStreamEncryption',
  async handle(input, { streams }) {
    if (input['EncryptionType'] !== 'KMS') throw encryptionTypeMustBeKms();
    const keyId = input['KeyId'] as string;
    await streams.update(streamRefOf(input), () => ({ encryptionType: 'KMS', keyId }), { transition: true });
    return {};
  },
};
