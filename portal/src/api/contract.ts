// Run-time facts of the API's OpenAPI document (generated with the types): enum values for the pages' choices, and
// which optional request fields exist. A form shows a field the API does not take yet only once the document
// declares it — regenerate the client and it appears, typed — so the portal never sends what the API would refuse.
import { contractFacts } from './generated/contract-facts';

type Facts = typeof contractFacts;
type FieldMap = Record<string, Record<string, readonly string[] | null>>;

const requestFields = contractFacts.requestFields as FieldMap;
const queryParameters = contractFacts.queryParameters as FieldMap;

/** Whether the request body of `operation` has a field `field`. */
export const declaresField = (operation: keyof Facts['requestFields'], field: string): boolean =>
  Object.hasOwn(requestFields[operation] ?? {}, field);

/** The values a request body field takes, when it is an enum the document declares. */
export const fieldValues = (operation: keyof Facts['requestFields'], field: string): readonly string[] =>
  requestFields[operation]?.[field] ?? [];

/** The values a query parameter takes, as the document declares them. */
export const queryValues = <O extends keyof Facts['queryParameters']>(
  operation: O,
  parameter: keyof Facts['queryParameters'][O] & string,
): readonly string[] => queryParameters[operation]?.[parameter] ?? [];

/**
 * `{ [key]: value }` when the document declares the field `key` on the request body of `operation` (and, for an enum,
 * lists `value` among its values), else `{}`. Typed by the generated body `T`: once the field exists, the result is
 * part of `T`; until then it is an empty object, so nothing the API would refuse is ever sent.
 */
export function optionalField<T, K extends string>(
  operation: keyof Facts['requestFields'],
  key: K,
  value: string | undefined,
): K extends keyof T ? Pick<Partial<T>, K> : Record<never, never> {
  type Result = K extends keyof T ? Pick<Partial<T>, K> : Record<never, never>;
  if (!declaresField(operation, key) || value === undefined || value.trim() === '') return {} as Result;
  const allowed = fieldValues(operation, key);
  if (allowed.length > 0 && !allowed.includes(value)) return {} as Result;
  return { [key]: value } as Result;
}

/** A response field the API may add later (typed from the generated schema once it does). */
export function laterField<T extends object, K extends string>(
  value: T,
  key: K,
): (K extends keyof T ? T[K] : string) | undefined {
  const found = (value as Record<string, unknown>)[key];
  return found === undefined || found === null ? undefined : (found as K extends keyof T ? T[K] : string);
}
