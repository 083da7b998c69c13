// The one read → decide → conditional-write loop. Every change to a stored document goes through it, so every change
// handles a lost race the same way:
// - a client that pinned a version (If-Match) gets 412 the moment the document is not at that version any more;
// - a client that did not is re-read and decided again, under one bounded policy (a few jittered attempts);
// - contention that outlasts the policy ends in a 503 problem with Retry-After, never a 500.
// Several function instances run at once in Azure, so this is the only locking there is: ETags, no in-memory locks.
import { PreconditionFailedError, ServiceBusyError } from '../core/errors.js';
import type { Versioned } from './versioned.js';

/** What a conditional write answers when the document changed since it was read. */
export const STALE = 'stale' as const;
export type Stale = typeof STALE;

/** `done`: nothing to write (the answer is known from the read); `write`: write conditionally on the version read. */
export type Decision<R> = { readonly done: R } | { readonly write: () => Promise<R | Stale> };

export interface ConditionalChange<V, R> {
  /** The current version, or undefined when there is none. */
  read(): Promise<Versioned<V> | undefined>;
  /**
   * Decides from a fresh read. Throws to refuse (404, 409…). Must not have effects of its own: it may run several
   * times, once per attempt.
   */
  decide(current: Versioned<V> | undefined): Decision<R> | Promise<Decision<R>>;
}

/** The one retry policy: enough for the handful of writers one document has (request, email worker, timer, queue job). */
export const CONTENTION_POLICY = { maxAttempts: 10, maxJitterMs: 25, retryAfterSeconds: 1 } as const;

const jitter = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * CONTENTION_POLICY.maxJitterMs * attempt));

/**
 * Runs `change` until one decision is written (or needs no write). `ifMatch` is the client's If-Match, when it sent
 * one: any other version is a 412 — before deciding, and after a lost race — rather than a retry on a version the
 * client never saw.
 */
export async function conditionalWrite<V, R>(change: ConditionalChange<V, R>, ifMatch?: string): Promise<R> {
  for (let attempt = 0; attempt < CONTENTION_POLICY.maxAttempts; attempt++) {
    if (attempt > 0) await jitter(attempt);
    const current = await change.read();
    if (ifMatch !== undefined && current !== undefined && current.etag !== ifMatch) throw new PreconditionFailedError();
    const decision = await change.decide(current);
    if ('done' in decision) return decision.done;
    const outcome = await decision.write();
    if (outcome !== STALE) return outcome;
    if (ifMatch !== undefined) throw new PreconditionFailedError();
  }
  throw new ServiceBusyError(
    'contention',
    'The resource is being changed by other requests right now; retry in a moment.',
    CONTENTION_POLICY.retryAfterSeconds,
  );
}
