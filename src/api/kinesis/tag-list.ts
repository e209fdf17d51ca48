// Tags as the wire lists them: [{Key, Value}] in ascending key order.

export function tagList(tags: Readonly<Record<string, string>>): Array<{ Key: string; Value: string }> {
  return Object.keys(tags)
    .sort()
    .map((Key) => ({ Key, Value: tags[Key]! }));
}
