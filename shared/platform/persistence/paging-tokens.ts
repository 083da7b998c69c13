// Continuation tokens as the API hands them out: the storage token, sealed with an HMAC-SHA256 over the token and
// the query it continues (text, parameters — which carry the caller's partner or tenant id — and partition). A token
// someone altered, or one issued for another caller, another list or another filter, fails the check: 400.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { SqlQuerySpec } from '@azure/cosmos';
import { ValidationError } from '../core/errors.js';

const VERSION = 'v1';

/**
 * Parameters that move from one page to the next of the same list, so they are not part of what a token is bound to:
 * `@now` is the time of the request (e.g. "pending" means "not expired at @now").
 */
const UNBOUND_PARAMETERS = new Set(['@now']);

/** What a token is bound to: one query, with its parameters, in one partition (or across all). */
export function queryBinding(query: SqlQuerySpec, partitionKey: string | undefined): string {
  const parameters = (query.parameters ?? []).filter((p) => !UNBOUND_PARAMETERS.has(p.name));
  return createHash('sha256')
    .update(JSON.stringify({ query: query.query, parameters, partitionKey: partitionKey ?? null }))
    .digest('base64url');
}

export const invalidContinuationToken = () =>
  new ValidationError('continuationToken is not one this API issued for this list; start again from the first page.', {
    continuationToken: ['not a continuation token of this list (altered, or issued for another caller, list or filter)'],
  });

export class PagingTokens {
  private readonly keys: readonly Buffer[];

  /** `keys[0]` signs; every key verifies, so a key can be rotated without breaking the tokens already out. */
  constructor(keys: readonly string[]) {
    if (keys.length === 0) throw new Error('PagingTokens needs at least one key');
    this.keys = keys.map((k) => Buffer.from(k, 'utf8'));
  }

  private mac(key: Buffer, payload: string, binding: string): Buffer {
    return createHmac('sha256', key).update(`${VERSION}\n${binding}\n${payload}`).digest();
  }

  /** The opaque token for a storage continuation token. */
  seal(raw: string, binding: string): string {
    const payload = Buffer.from(raw, 'utf8').toString('base64url');
    return `${VERSION}.${payload}.${this.mac(this.keys[0]!, payload, binding).toString('base64url')}`;
  }

  /** The storage continuation token inside `token`, if it was sealed by us for this binding; else a 400. */
  open(token: string, binding: string): string {
    const [version, payload, signature, ...rest] = token.split('.');
    if (version !== VERSION || !payload || !signature || rest.length > 0) throw invalidContinuationToken();
    const given = Buffer.from(signature, 'base64url');
    // Only the canonical spelling: base64url's last character carries spare bits that decoding ignores, so an altered
    // one could otherwise decode to the same signature.
    if (given.toString('base64url') !== signature) throw invalidContinuationToken();
    const valid = this.keys.some((key) => {
      const expected = this.mac(key, payload, binding);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!valid) throw invalidContinuationToken();
    return Buffer.from(payload, 'base64url').toString('utf8');
  }
}
