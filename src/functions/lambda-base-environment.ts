// The variables every function instance starts with besides Lambda's reserved ones: the region,
// Tributary's URL as AWS_ENDPOINT_URL and placeholder credentials (Lambda hands functions temporary
// ones), so an AWS SDK in a handler calls back into Tributary. A function's own Environment wins.

export interface LambdaBaseEnvironmentOptions {
  /** The server's URL; '' while unknown (then no AWS_ENDPOINT_URL is set). */
  readonly endpointUrl: string;
  readonly region: string;
  /** The host's PATH, passed on when set. */
  readonly path?: string;
}

/** Placeholder credentials: Tributary checks only that requests are signed, never the key. */
export const FUNCTION_CREDENTIALS = {
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_SESSION_TOKEN: 'test',
} as const;

/** The base environment of a function instance (see the runtime's `baseEnvironment`). */
export function lambdaBaseEnvironment(options: LambdaBaseEnvironmentOptions): Record<string, string> {
  return {
    ...(options.path !== undefined && { PATH: options.path }),
    AWS_REGION: options.region,
    AWS_DEFAULT_REGION: options.region,
    ...FUNCTION_CREDENTIALS,
    ...(options.endpointUrl !== '' && { AWS_ENDPOINT_URL: options.endpointUrl }),
  };
}
