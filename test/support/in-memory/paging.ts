// One page of an in-memory list with the paging contract of `queryPage`: an opaque continuation token (base64url of
// JSON, like the Cosmos one), null after the last page, 400 for a token that is not JSON or belongs to another list.
import { ValidationError } from '../../../shared/platform/core/errors.js';
import { decodeContinuation, encodeContinuation } from '../../../shared/platform/persistence/cosmos.js';
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

/** `listKey` names the list (query and its parameters): a token of another list is refused, as Cosmos refuses it. */
export function pageOf<T>(items: readonly T[], page: PageRequest, listKey: string): Page<T> {
  let offset = 0;
  if (page.continuationToken !== undefined) {
    const parsed = JSON.parse(decodeContinuation(page.continuationToken)!) as unknown;
    if (!isToken(parsed) || parsed.list !== listKey) {
      throw new ValidationError('continuationToken does not belong to this list.', { continuationToken: ['invalid'] });
    }
    offset = parsed.offset;
  }
  const slice = items.slice(offset, offset + page.pageSize);
  const next = offset + slice.length;
  return {
    items: slice,
    continuationToken: next < items.length ? encodeContinuation(JSON.stringify({ list: listKey, offset: next })) : null,
  };
}

/** Descending by a string field (ordinal, as Cosmos compares strings): `ORDER BY c.<field> DESC`. */
export const descendingBy =
  <T>(field: (item: T) => string) =>
  (a: T, b: T): number => {
    const [x, y] = [field(a), field(b)];
    return x < y ? 1 : x > y ? -1 : 0;
  };
