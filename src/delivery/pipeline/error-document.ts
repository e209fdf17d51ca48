// The JSON documents Firehose writes to the error output, one per failed record per line
// (FIREHOSE.md §7, §9; partitioning failures use our documented type `partitioning-failed`).

export type ErrorOutputType = 'processing-failed' | 'format-conversion-failed' | 'partitioning-failed' | 'http-endpoint-failed';

export interface ErrorDocumentInput {
  readonly type: ErrorOutputType;
  readonly attemptsMade: number;
  readonly arrivalTimestamp: number;
  readonly errorCode: string;
  readonly errorMessage: string;
  readonly attemptEndingTimestamp: number;
  readonly rawData: Buffer;
  readonly lambdaArn?: string;
  /** HTTP endpoint failures (FIREHOSE.md §11): the record's sub-sequence number and `<id>.<sub>`. */
  readonly subsequenceNumber?: number;
  readonly dataId?: string;
}

/** One error document followed by a newline. */
export function errorDocument(input: ErrorDocumentInput): Buffer {
  const codeFields = input.type === 'format-conversion-failed'
    ? { lastErrorCode: input.errorCode, lastErrorMessage: input.errorMessage }
    : { errorCode: input.errorCode, errorMessage: input.errorMessage };
  const doc = {
    attemptsMade: input.attemptsMade,
    arrivalTimestamp: input.arrivalTimestamp,
    ...codeFields,
    attemptEndingTimestamp: input.attemptEndingTimestamp,
    rawData: input.rawData.toString('base64'),
    ...(input.lambdaArn !== undefined ? { lambdaArn: input.lambdaArn } : {}),
    ...(input.subsequenceNumber !== undefined ? { subsequenceNumber: input.subsequenceNumber } : {}),
    ...(input.dataId !== undefined ? { dataId: input.dataId } : {}),
  };
  return Buffer.from(JSON.stringify(doc) + '\n');
}
