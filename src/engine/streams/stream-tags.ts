// Tag rules for streams (AddTagsToStream, RemoveTagsFromStream, TagResource, UntagResource and
// CreateStream's Tags): allowed characters as AWS checks them, and at most 50 tags per stream.

import { TagError } from './stream-errors.js';

export const MAX_TAGS_PER_STREAM = 50;

// AWS accepts Unicode letters, digits, spaces (not tabs or newlines) and _ . / = + - % @ :,
// then refuses '%' with a second, differently worded message.
const INVALID = /[^\p{L}\p{N} _.\/=+\-%@:]/u;

/**
 * Returns `current` with `tags` added or overwritten. Throws TagError for characters AWS refuses
 * (keys and values) or when the stream would end up with more than 50 tags.
 */
export function addTags(
  current: Readonly<Record<string, string>>,
  tags: Readonly<Record<string, string>>,
  streamName: string,
  accountId: string,
): Record<string, string> {
  const words = [...Object.keys(tags), ...Object.values(tags)];
  checkCharacters(words, 'add', streamName, accountId);
  const merged: Record<string, string> = { ...current, ...tags };
  if (Object.keys(merged).length > MAX_TAGS_PER_STREAM) throw new TagError('tooMany', 'add', streamName, accountId);
  return merged;
}

/** Returns `current` without `keys` (keys that are absent are ignored). Throws TagError for bad characters. */
export function removeTags(
  current: Readonly<Record<string, string>>,
  keys: readonly string[],
  streamName: string,
  accountId: string,
): Record<string, string> {
  checkCharacters(keys, 'remove', streamName, accountId);
  const remaining: Record<string, string> = { ...current };
  for (const key of keys) delete remaining[key];
  return remaining;
}

function checkCharacters(words: readonly string[], action: 'add' | 'remove', streamName: string, accountId: string): void {
  if (words.some((w) => INVALID.test(w))) throw new TagError('invalidCharacters', action, streamName, accountId);
  if (words.some((w) => w.includes('%'))) throw new TagError('percentSign', action, streamName, accountId);
}
