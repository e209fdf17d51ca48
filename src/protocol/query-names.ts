// How a query-protocol service names things on the wire where the JSON model does not say:
// botocore's `locationName` traits of the query model (SQS: `Attribute.N.Name`,
// `SendMessageBatchRequestEntry.N`, `MessageAttribute.N.Value.DataType`), plus which lists and
// maps are flattened (read from the model: the `flattened` trait on the shape or the member).

import type { MemberRef, ServiceModel, Shape } from '../api/model/service-model.js';

export interface QueryNames {
  /** Wire name of a structure member, keyed `Structure.Member`, when it is not the member name. */
  readonly members: Readonly<Record<string, string>>;
  /** Element name of a list's items, keyed by list shape (`member` when absent). */
  readonly listMembers: Readonly<Record<string, string>>;
  /** Key and value element names of a map, keyed by map shape (`key`/`value` when absent). */
  readonly mapEntries: Readonly<Record<string, readonly [string, string]>>;
}

/** Whether the list or map reached through `ref` is flattened (on the member or the shape). */
export function isFlattened(ref: MemberRef, shape: Shape): boolean {
  return (ref as { flattened?: boolean }).flattened === true || (shape as { flattened?: boolean }).flattened === true;
}

/** The wire name of `member` of `structure`. */
export function memberName(names: QueryNames, structure: string, member: string): string {
  return names.members[`${structure}.${member}`] ?? member;
}

/** The key and value element names of map shape `map`. */
export function mapEntryNames(names: QueryNames, map: string): readonly [string, string] {
  return names.mapEntries[map] ?? ['key', 'value'];
}

/** Members of a structure shape with their refs, in model order. */
export function structureMembers(model: ServiceModel, structure: string): [string, MemberRef][] {
  const shape = model.shape(structure);
  return shape.type === 'structure' ? Object.entries(shape.members) : [];
}
