// StopStreamEncryption: records that the stream is no longer encrypted (UPDATING, then ACTIVE).

import type { Operation } from '../operation.js';
import { encryptionTypeMustBeKms } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { streamRefOf } from './stream-ref-input.js';

export const stopStreamEncryption: Operation<KinesisDeps> = {
  name: 'StopStreamEncryption',
  async handle(input, { streams }) {
    if (input['EncryptionType'] !== 'KMS') throw encryptionTypeMustBeKms();
    await streams.update(streamRefOf(input), () => ({ encryptionType: 'NONE', keyId: undefined }), { transition: true });
    return {};
  },
};
