// Idempotency-Key for creating POSTs: same key and same body give the same answer, with no second effect.
import { ConflictError, ValidationError } from '../core/errors.js';
import { sha256Hex } from '../core/ids.js';
import type { EndpointResult } from './endpoint.js';

export interface IdempotencyRecord {
  id: string;
  fingerprint: string;
  state: 'pending' | 'completed';
  result?: EndpointResult;
  etag?: string;
}

/** Storage for idempotency records; `claim` must fail atomically when the id exists (Cosmos create → 409). */
export interface IdempotencyStore {
  claim(id: string, fingerprint: string): Promise<'claimed' | IdempotencyRecord>;
  complete(id: string, result: EndpointResult): Promise<void>;
  release(id: string): Promise<void>;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

export async function runIdempotently(
  store: IdempotencyStore,
  args: { key: string; scope: string; requestFingerprint: string; run: () => Promise<EndpointResult> },
): Promise<EndpointResult> {
  if (!KEY.test(args.key)) {
    throw new ValidationError('Idempotency-Key must be 1–200 visible ASCII characters.', {
      'Idempotency-Key': ['1–200 visible ASCII characters'],
    });
  }
  const id = sha256Hex(`${args.scope}|${args.key}`);
  const fingerprint = sha256Hex(args.requestFingerprint);
  const claim = await store.claim(id, fingerprint);
  if (claim !== 'claimed') {
    if (claim.fingerprint !== fingerprint) {
      throw new ConflictError('idempotency-key-reused', 'This Idempotency-Key was already used with a different request body.');
    }
    if (claim.state === 'pending' || !claim.result) {
      throw new ConflictError('request-in-progress', 'A request with this Idempotency-Key is still being processed.');
    }
    return { ...claim.result, headers: { ...claim.result.headers, 'idempotent-replayed': 'true' } };
  }
  try {
    const result = await args.run();
    await store.complete(id, result);
    return result;
  } catch (error) {
    // A failed attempt leaves no record, so the client may retry with the same key.
    await store.release(id);
    throw error;
  }
}
