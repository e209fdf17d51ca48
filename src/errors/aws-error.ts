// The one base class for every error that reaches a client. The http layer is the only place
// that turns an AwsError into a response (status, __type, message, x-amzn-ErrorType).

export class AwsError extends Error {
  /**
   * @param type the wire error name exactly as AWS spells it (`ResourceNotFoundException`)
   * @param message AWS's exact message, or undefined when AWS sends none
   * @param statusCode HTTP status
   */
  constructor(
    readonly type: string,
    message: string | undefined,
    readonly statusCode = 400,
  ) {
    super(message ?? '');
    this.name = type;
    this.hasMessage = message !== undefined;
  }
  readonly hasMessage: boolean;
}
