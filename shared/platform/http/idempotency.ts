// Idempotency-Key for creating POSTs: same key and same body give the same answer, with no second effect — also when
// the database fails half-way or the instance dies mid-request.
//
// A request claims a record (key → body fingerprint) with a lease, runs, and stores its answer in the record. The
// record is never deleted once the request ran: an error may come after the effect reached the database (a timeout
// whose write was applied looks like one that was not), so forgetting the key could run the effect twice. Instead:
//   - the answer is stored with retries; if that still fails the client gets its answer anyway and the record stays
//     pending until its lease runs out;
//   - after an error, or once a lease runs out (the instance died), the next retry takes the record over — a
//     conditional write on its ETag, so of two retries exactly one wins — and runs again;
//   - every run gets the same `operationKey` (from the key's scope, the key and the body), from which a use case
//     derives the id of what it creates: a run after one that already created it finds it (create conflict) and
//     answers it instead of creating it again.
import { ConflictError, ValidationError } from '../core/errors.js';
import { sha256Hex } from '../core/ids.js';
import type { Logger } from '../core/logger.js';
import { conditionalWrite, STALE } from '../persistence/conditional-write.js';
import type { EndpointResult } from './endpoint-result.js';

export interface IdempotencyRecord {
  id: string;
  fingerprint: string;
  state: 'pending' | 'completed';
  result?: EndpointResult;
  /** Until when (ISO time) the attempt that holds a pending record owns it; a retry may take it over afterwards. */
  leaseExpiresAt?: string;
  etag: string;
}

/** A claim on a record: its ETag after our write, so our later writes fail if another attempt took it over. */
export interface IdempotencyLease {
  id: string;
  fingerprint: string;
  etag: string;
}

/** Storage for idempotency records. Every write but `create` is conditional on the ETag the caller holds. */
export interface IdempotencyStore {
  /** Creates a pending, leased record; 'exists' when the id is taken (atomic: Cosmos create → 409). */
  create(id: string, fingerprint: string): Promise<IdempotencyLease | 'exists'>;
  read(id: string): Promise<IdempotencyRecord | undefined>;
  /** Whether a pending record's lease has run out (by the store's clock). */
  leaseExpired(record: IdempotencyRecord): boolean;
  /** Leases a pending record anew if it still has `record.etag`; 'lost' when another attempt changed it first. */
  takeOver(record: IdempotencyRecord): Promise<IdempotencyLease | 'lost'>;
  /** Stores the answer if we still hold the lease; 'lost' when another attempt took the record over meanwhile. */
  complete(lease: IdempotencyLease, result: EndpointResult): Promise<'completed' | 'lost'>;
  /** Ends our lease at once (the record stays), so the client's retry need not wait for it to run out. */
  release(lease: IdempotencyLease): Promise<void>;
}

const KEY = /^[\x21-\x7e]{1,200}$/;
/** Pauses between attempts to store the answer: a transient failure (a 408, a throttle) usually clears within them. */
const COMPLETE_RETRY_DELAYS_MS = [50, 250, 1000];
/** Attempts to claim a record that keeps changing under us (another retry took it, or it expired meanwhile). */

export interface IdempotentRun {
  key: string;
  /** What the key is unique within: the endpoint, the caller and the route parameters. */
  scope: string;
  requestFingerprint: string;
  /** Runs the request; `operationKey` is the same for every run of this key and body. */
  run: (operationKey: string) => Promise<EndpointResult>;
  logger?: Logger;
}

export async function runIdempotently(store: IdempotencyStore, args: IdempotentRun): Promise<EndpointResult> {
  if (!KEY.test(args.key)) {
    throw new ValidationError('Idempotency-Key must be 1–200 visible ASCII characters.', {
      'Idempotency-Key': ['1–200 visible ASCII characters'],
    });
  }
  const id = sha256Hex(`${args.scope}|${args.key}`);
  const fingerprint = sha256Hex(args.requestFingerprint);
  const claim = await claimRecord(store, id, fingerprint);
  if ('replay' in claim) return { ...claim.replay, headers: { ...claim.replay.headers, 'idempotent-replayed': 'true' } };

  let result: EndpointResult;
  try {
    result = await args.run(operationKeyOf(id, fingerprint));
  } catch (error) {
    // The effect may or may not have happened; the record stays (with the key's fingerprint) and the retry runs again
    // with the same operation key, which finds the effect if there is one. If even this write fails, the lease runs out.
    await store.release(claim.lease).catch(() => undefined);
    throw error;
  }
  await completeRecord(store, claim.lease, result, args.logger);
  return result;
}

/** The same for every run of one key with one body; use cases derive the ids of what they create from it. */
const operationKeyOf = (recordId: string, fingerprint: string): string => sha256Hex(`${recordId}|${fingerprint}`);

async function claimRecord(
  store: IdempotencyStore,
  id: string,
  fingerprint: string,
): Promise<{ lease: IdempotencyLease } | { replay: EndpointResult }> {
  // The common case first, in one round trip: a fresh key creates its record.
  const created = await store.create(id, fingerprint);
  if (created !== 'exists') return { lease: created };
  // The key was used before: replay its answer, or take over a record whose lease ran out — through the one
  // conditional-write loop, so of several retries exactly one takes it over.
  return conditionalWrite<IdempotencyRecord, { lease: IdempotencyLease } | { replay: EndpointResult }>({
    read: async () => {
      const record = await store.read(id);
      return record && { value: record, etag: record.etag };
    },
    decide: (current) => {
      if (!current) {
        // Expired (TTL) since: create it again.
        return {
          write: async () => {
            const again = await store.create(id, fingerprint);
            return again === 'exists' ? STALE : { lease: again };
          },
        };
      }
      const record = current.value;
      if (record.fingerprint !== fingerprint) {
        throw new ConflictError('idempotency-key-reused', 'This Idempotency-Key was already used with a different request body.');
      }
      if (record.state === 'completed' && record.result) return { done: { replay: record.result } };
      if (!store.leaseExpired(record)) throw inProgress();
      return {
        write: async () => {
          const taken = await store.takeOver(record);
          return taken === 'lost' ? STALE : { lease: taken };
        },
      };
    },
  });
}

const inProgress = () =>
  new ConflictError('request-in-progress', 'A request with this Idempotency-Key is still being processed; retry shortly.');

async function completeRecord(
  store: IdempotencyStore,
  lease: IdempotencyLease,
  result: EndpointResult,
  logger: Logger | undefined,
): Promise<void> {
  // A plain write retried after pauses (nothing to decide again: the answer is known), then given up on.
  for (const delay of [...COMPLETE_RETRY_DELAYS_MS, undefined]) {
    try {
      // 'lost': our lease ran out and another attempt took the record over; it answers the same effect and stores it.
      await store.complete(lease, result);
      return;
    } catch (error) {
      if (delay === undefined) {
        // The effect happened, so the client gets its answer. The record stays pending until its lease runs out; a
        // retry after that runs again with the same operation key and answers the same effect.
        logger?.warn('idempotency record not completed; a retry will reconcile it after the lease', {
          error: error instanceof Error ? error.name : 'unknown',
        });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  // The effect happened, so the client gets its answer. The record stays pending until its lease runs out; a retry
  // after that runs again with the same operation key and answers the same effect.
  logger?.warn('idempotency record not completed; a retry will reconcile it after the lease', { error: 'store failed' });
}
