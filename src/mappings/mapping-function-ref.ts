// How a mapping's FunctionName is taken apart: `f`, `f:qualifier`, `123456789012:function:f[:q]`,
// `arn:aws:lambda:<region>:<account>:function:f[:q]` (the model's NamespacedFunctionName forms).

export interface FunctionRef {
  readonly name: string;
  readonly qualifier?: string;
  /** Present when the reference spelled them out (ARN or partial ARN). */
  readonly region?: string;
  readonly accountId?: string;
}

const REGION = '(?:eusc-)?[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\\d';
const FUNCTION_REF = new RegExp(
  `^(?:arn:(?:aws[a-zA-Z-]*)?:lambda:(${REGION}):(\\d{12}):|(?:(${REGION}):)?(?:(\\d{12}):)?)` +
    '(?:function:)?([a-zA-Z0-9_.-]+)(?::(\\$LATEST(?:\\.PUBLISHED)?|[a-zA-Z0-9_-]+))?$',
);

/** Parses a FunctionName, or returns undefined when it has none of the accepted forms. */
export function parseFunctionRef(text: string): FunctionRef | undefined {
  const match = FUNCTION_REF.exec(text);
  if (!match) return undefined;
  const [, arnRegion, arnAccount, partialRegion, partialAccount, name, qualifier] = match;
  const region = arnRegion ?? partialRegion;
  const accountId = arnAccount ?? partialAccount;
  return {
    name: name as string,
    ...(qualifier !== undefined ? { qualifier } : {}),
    ...(region !== undefined ? { region } : {}),
    ...(accountId !== undefined ? { accountId } : {}),
  };
}

/** `arn:aws:lambda:<region>:<account>:function:<name>[:<qualifier>]`. */
export function lambdaFunctionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${name}${qualifier !== undefined ? ':' + qualifier : ''}`;
}

/** The function a mapping invokes, as stored in its definition. */
export interface MappingFunction {
  readonly functionName: string;
  readonly qualifier?: string;
  /** Qualified only when the reference was. */
  readonly functionArn: string;
}

export type FunctionRefProblem =
  | { readonly kind: 'functionNotFound'; readonly functionName: string }
  | { readonly kind: 'functionNameTooLong'; readonly name: string };

/**
 * Resolves a FunctionName against the functions that exist here. Functions have no published
 * versions or aliases here, so only `$LATEST` is accepted as a qualifier. Returns the problem
 * instead of throwing so the registry raises its own typed error.
 */
export function resolveMappingFunction(
  text: string,
  exists: (name: string) => boolean,
  accountId: string,
  region: string,
): MappingFunction | FunctionRefProblem {
  const ref = parseFunctionRef(text);
  if (!ref) return { kind: 'functionNotFound', functionName: text };
  const plain = ref.accountId === undefined && ref.region === undefined;
  if (plain && ref.name.length > 64) return { kind: 'functionNameTooLong', name: text };
  const elsewhere = (ref.accountId !== undefined && ref.accountId !== accountId) || (ref.region !== undefined && ref.region !== region);
  const unknownQualifier = ref.qualifier !== undefined && ref.qualifier !== '$LATEST';
  if (elsewhere || unknownQualifier || !exists(ref.name)) return { kind: 'functionNotFound', functionName: ref.name };
  return {
    functionName: ref.name,
    ...(ref.qualifier !== undefined ? { qualifier: ref.qualifier } : {}),
    functionArn: lambdaFunctionArn(region, accountId, ref.name, ref.qualifier),
  };
}

/** ListEventSourceMappings' FunctionName filter. */
export function functionMatcher(
  text: string | undefined,
  accountId: string,
  region: string,
): (mapping: { readonly functionName: string; readonly qualifier?: string }) => boolean {
  if (text === undefined) return () => true;
  const ref = parseFunctionRef(text);
  if (!ref) return () => false;
  if ((ref.accountId !== undefined && ref.accountId !== accountId) || (ref.region !== undefined && ref.region !== region)) return () => false;
  return (d) => d.functionName === ref.name && (ref.qualifier === undefined || d.qualifier === ref.qualifier);
}
