// ListFunctions: GET /2015-03-31/functions?Marker=&MaxItems= → Functions (without state fields,
// as AWS lists them), NextMarker. Pages hold at most 50 functions; the marker is opaque.

import type { Operation } from '../operation.js';
import { functionConfiguration } from './function-configuration.js';
import type { LambdaDeps } from './lambda-deps.js';

const PAGE_LIMIT = 50;

function decodeMarker(marker: string | undefined): string | undefined {
  return marker === undefined ? undefined : Buffer.from(marker, 'base64url').toString('utf8');
}

export const listFunctions: Operation<LambdaDeps> = {
  name: 'ListFunctions',
  async handle(input, deps) {
    const limit = Math.min((input.MaxItems as number | undefined) ?? PAGE_LIMIT, PAGE_LIMIT);
    const after = decodeMarker(input.Marker as string | undefined);
    const all = deps.functions.list().filter((f) => after === undefined || f.name > after);
    const page = all.slice(0, limit);
    const output: Record<string, unknown> = { Functions: page.map((f) => functionConfiguration(f, 'listed')) };
    if (all.length > limit) output.NextMarker = Buffer.from(page[page.length - 1]!.name, 'utf8').toString('base64url');
    return output;
  },
};
