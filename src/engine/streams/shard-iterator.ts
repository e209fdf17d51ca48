// Shard iterators: stateless positions handed to consumers. The position is encrypted and
// authenticated with AES-256-GCM under a key kept in the StateStore, so an iterator survives a
// restart, cannot be forged or altered, and reveals nothing; it expires after ttlMs.

import crypto from 'node:crypto';
import type { StateStore } from '../../storage/state-store.js';
import { VersionConflictError } from '../../storage/state-store.js';
import { RecordError } from './record-errors.js';

/** What an iterator points at. */
export interface IteratorPosition {
  readonly streamName: string;
  /** Incarnation id of the stream: an iterator of a deleted stream never reads its successor. */
  readonly streamId: string;
  readonly shardIndex: number;
  /** Next offset to read. */
  readonly offset: number;
  /** Epoch ms when the iterator was issued (expiry counts from here). */
  readonly createdAt: number;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const FIXED_PLAINTEXT_BYTES = 8 + 8 + 4 + 1 + 1;
const KEY_COLLECTION = 'settings';
const KEY_NAME = 'iterator-key';

export class ShardIteratorCodec {
  /** @param key 32 bytes */
  constructor(
    private readonly key: Buffer,
    readonly ttlMs = 300_000,
  ) {
    if (key.length !== 32) throw new RangeError('iterator key must be 32 bytes');
  }

  /**
   * Loads the iterator key from the store (collection 'settings', key 'iterator-key'), creating
   * it on first use. Safe against concurrent creators: the first committed key wins.
   */
  static async loadKey(store: StateStore): Promise<Buffer> {
    for (;;) {
      const entry = await store.get<{ key: string }>(KEY_COLLECTION, KEY_NAME);
      if (entry !== undefined) return Buffer.from(entry.value.key, 'base64');
      const key = crypto.randomBytes(32);
      try {
        await store.commit([{ kind: 'put', collection: KEY_COLLECTION, key: KEY_NAME, value: { key: key.toString('base64') }, expectedVersion: 0 }]);
        return key;
      } catch (err) {
        if (!(err instanceof VersionConflictError)) throw err;
      }
    }
  }

  /** The iterator string (standard base64) for a position. */
  encode(position: IteratorPosition): string {
    const name = Buffer.from(position.streamName, 'utf8');
    const id = Buffer.from(position.streamId, 'utf8');
    if (name.length > 255 || id.length > 255) throw new RangeError('stream name or id too long for an iterator');
    const plain = Buffer.allocUnsafe(FIXED_PLAINTEXT_BYTES + name.length + id.length);
    let at = plain.writeDoubleBE(position.offset, 0);
    at = plain.writeDoubleBE(position.createdAt, at);
    at = plain.writeUInt32BE(position.shardIndex, at);
    at = plain.writeUInt8(id.length, at);
    at += id.copy(plain, at);
    at = plain.writeUInt8(name.length, at);
    name.copy(plain, at);

    const header = Buffer.from([VERSION]);
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(header);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([header, iv, body, cipher.getAuthTag()]).toString('base64');
  }

  /**
   * Decodes and verifies an iterator. Throws RecordError 'invalid-shard-iterator' for anything
   * not issued by this key (malformed, tampered), 'expired-shard-iterator' when older than ttlMs.
   */
  decode(iterator: string, now: number): IteratorPosition {
    const position = this.open(iterator);
    if (position === undefined) throw new RecordError({ kind: 'invalid-shard-iterator' });
    if (now - position.createdAt > this.ttlMs) {
      throw new RecordError({ kind: 'expired-shard-iterator', createdAt: position.createdAt, now, ttlMs: this.ttlMs });
    }
    return position;
  }

  private open(iterator: string): IteratorPosition | undefined {
    const raw = Buffer.from(iterator, 'base64');
    if (raw.length < 1 + IV_BYTES + FIXED_PLAINTEXT_BYTES + TAG_BYTES || raw.toString('base64') !== iterator) return undefined;
    if (raw[0] !== VERSION) return undefined;
    const iv = raw.subarray(1, 1 + IV_BYTES);
    const body = raw.subarray(1 + IV_BYTES, raw.length - TAG_BYTES);
    let plain: Buffer;
    try {
      const decipher = crypto.createDecipheriv('aes-256-gcm', this.key, iv);
      decipher.setAAD(raw.subarray(0, 1));
      decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
      plain = Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      return undefined;
    }
    const offset = plain.readDoubleBE(0);
    const createdAt = plain.readDoubleBE(8);
    const shardIndex = plain.readUInt32BE(16);
    const idLength = plain.readUInt8(20);
    const streamId = plain.toString('utf8', 21, 21 + idLength);
    const nameLength = plain.readUInt8(21 + idLength);
    const streamName = plain.toString('utf8', 22 + idLength, 22 + idLength + nameLength);
    return { streamName, streamId, shardIndex, offset, createdAt };
  }
}
