// ListStreams: stream names and summaries in name order, paged by ExclusiveStartStreamName or
// NextToken (Limit defaults to and is capped at 100).

import type { Operation } from '../operation.js';
import { nextTokenWithParameter } from '../../errors/kinesis-errors.js';
import type { KinesisDeps } from './kinesis-deps.js';
import { decodeNextToken, encodeNextToken } from './next-token.js';
import { creationTimestamp, streamModeDetails } from './stream-output.js';

const MAX_STREAMS = 100;
const TOKEN_KIND = 'ListStreams';

export const listStreams: Operation<KinesisDeps> = {
  name: 'ListStreams',
  async handle(input, { streams }, ctx) {
    const now = ctx.clock.now();
    const token = input['NextToken'] as string | undefined;
    let after = input['ExclusiveStartStreamName'] as string | undefined;
    if (token !== undefined) {
      if (after !== undefined) throw nextTokenWithParameter('ExclusiveStartStreamName');
      after = String(decodeNextToken(TOKEN_KIND, token, now)['after']);
    }
    const limit = Math.min((input['Limit'] as number | undefined) ?? MAX_STREAMS, MAX_STREAMS);
    const all = streams.list().filter((s) => after === undefined || s.name > after);
    const page = all.slice(0, limit);
    const hasMore = all.length > limit;
    return {
      StreamNames: page.map((s) => s.name),
      HasMoreStreams: hasMore,
      ...(hasMore && { NextToken: encodeNextToken(TOKEN_KIND, { after: page.at(-1)!.name }, now) }),
      StreamSummaries: page.map((s) => ({
        StreamName: s.name,
        StreamARN: s.arn,
        StreamStatus: s.status,
        StreamModeDetails: streamModeDetails(s),
        StreamCreationTimestamp: creationTimestamp(s),
      })),
    };
  },
};
