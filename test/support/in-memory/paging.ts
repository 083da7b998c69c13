// One page of an in-memory list with the paging contract of `queryPage`: an opaque continuation token, null after
// the last page, and a 400 (ValidationError) for a token this list did not issue (garbled, or from another list or
// another caller's list). Self-contained, so the fakes do not depend on how the adapters encode their tokens.
import { ValidationError } from '../../../shared/platform/core/errors.js';
import type { Page, PageRequest } from '../../../shared/platform/persistence/versioned.js';

interface Token {
  list: string;
  offset: number;
}

const isToken = (value: unknown): value is Token =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Token).list === 'string' &&
  Number.isInteger((value as Token).offset) &&
  (value as Token).offset >= 0;

const invalidToken = () =>
  new ValidationError('continuationToken is not one this API issued for this list; start again from the first page.', {
    continuationToken: ['not a continuation token of this list'],
  });

function open(token: string, listKey: string): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken();
  }
  if (!isToken(parsed) || parsed.list !== listKey) throw invalidToken();
  return parsed.offset;
}

/**
 * `listKey` names the list (what its query filters on, e.g. the partner and the status — not the request time), so
 * a token of another list is refused as the adapters refuse it.
 */
export function pageOf<T>(items: readonly T[], page: PageRequest, listKey: string): Page<T> {
  const offset = page.continuationToken === undefined ? 0 : open(page.continuationToken, listKey);
  const slice = items.slice(offset, offset + page.pageSize);
  const next = offset + slice.length;
  return {
    items: slice,
    continuationToken:
      next < items.length ? Buffer.from(JSON.stringify({ list: listKey, offset: next }), 'utf8').toString('base64url') : null,
  };
}

/** Descending by a string field (ordinal, as Cosmos compares strings): `ORDER BY c.<field> DESC`. */
export const descendingBy =
  <T>(field: (item: T) => string) =>
  (a: T, b: T): number => {
    const [x, y] = [field(a), field(b)];
    return x < y ? 1 : x > y ? -1 : 0;
  };
