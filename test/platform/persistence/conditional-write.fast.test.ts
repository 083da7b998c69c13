// The one read → decide → conditional-write loop, on an in-memory item whose ETag changes on every write. Other
// writers are made to land between the loop's read and its write (the fault goes around the code under test).
import { ConflictError, PreconditionFailedError, ServiceBusyError } from '../../../shared/platform/core/errors.js';
import { problemResponse } from '../../../shared/platform/http/problem.js';
import {
  CONTENTION_POLICY,
  STALE,
  conditionalWrite,
  type ConditionalChange,
  type Stale,
} from '../../../shared/platform/persistence/conditional-write.js';
import { isPreconditionFailed } from '../../../shared/platform/persistence/cosmos.js';
import type { Versioned } from '../../../shared/platform/persistence/versioned.js';
import { InMemoryContainer } from '../../support/in-memory/container.js';
import { WriteRaces } from '../../support/in-memory/races.js';

interface Counter {
  id: string;
  pk: string;
  count: number;
  /** Who wrote last: the change under test or a racer. */
  by: string;
}

/** One counter item and the conditional operations a repository would offer on it. */
function counterStore(initial = 0) {
  const container = new InMemoryContainer('counters', 'pk');
  container.create({ id: 'c', pk: 'p', count: initial, by: 'seed' });
  const races = new WriteRaces();
  return {
    container,
    races,
    read: async (): Promise<Versioned<Counter> | undefined> => {
      const item = container.read<Counter>('p', 'c');
      return item && { value: item.doc, etag: item.etag };
    },
    replace: async (next: Counter, etag: string): Promise<Versioned<Counter> | Stale> => {
      await races.run();
      try {
        return { value: next, etag: container.replace({ ...next }, etag) };
      } catch (error) {
        if (isPreconditionFailed(error)) return STALE;
        throw error;
      }
    },
    /** Another writer's unconditional change (what a racer lands). */
    bump: (by: string, amount = 100) => {
      const current = container.read<Counter>('p', 'c')!;
      container.replace({ ...current.doc, count: current.doc.count + amount, by });
    },
    current: () => container.read<Counter>('p', 'c')!,
  };
}

/** The change under test: add one, recording each decision it made (decide may run once per attempt). */
function increment(store: ReturnType<typeof counterStore>) {
  const decisions: number[] = [];
  const change: ConditionalChange<Counter, Versioned<Counter>> = {
    read: store.read,
    decide: (found) => {
      if (!found) throw new Error('counter missing');
      decisions.push(found.value.count);
      return { write: () => store.replace({ ...found.value, count: found.value.count + 1, by: 'change' }, found.etag) };
    },
  };
  return { change, decisions };
}

describe('conditionalWrite', () => {
  it('uncontended: reads once, decides once, writes the decision at a new ETag', async () => {
    const store = counterStore(5);
    const before = store.current().etag;
    const { change, decisions } = increment(store);

    const saved = await conditionalWrite(change);

    expect(decisions).toEqual([5]);
    expect(saved.value.count).toBe(6);
    expect(store.current().doc).toMatchObject({ count: 6, by: 'change' });
    expect(store.current().etag).toBe(saved.etag);
    expect(saved.etag).not.toBe(before);
  });

  it('a lost race without If-Match is re-read and decided again on the racer’s version', async () => {
    const store = counterStore(5);
    store.races.beforeNextWrite(async () => store.bump('racer'));
    const { change, decisions } = increment(store);

    const saved = await conditionalWrite(change);

    // First decision on 5 lost to the racer (→ 105); the second, on 105, won: the racer's write is kept.
    expect(decisions).toEqual([5, 105]);
    expect(saved.value.count).toBe(106);
    expect(store.current().doc).toMatchObject({ count: 106, by: 'change' });
  });

  it('If-Match on a version that is no longer current: 412 before deciding, nothing written', async () => {
    const store = counterStore(5);
    const seen = store.current().etag;
    store.bump('someone else');
    const afterBump = store.current();
    const { change, decisions } = increment(store);

    const error = await conditionalWrite(change, seen).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect((error as PreconditionFailedError).status).toBe(412);
    expect(decisions).toEqual([]);
    expect(store.current()).toEqual(afterBump);
  });

  it('If-Match that matched the read but lost the race: 412, not a retry on a version the client never saw', async () => {
    const store = counterStore(5);
    store.races.beforeNextWrite(async () => store.bump('racer'));
    const { change, decisions } = increment(store);

    const error = await conditionalWrite(change, store.current().etag).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(decisions).toEqual([5]);
    expect(store.current().doc).toMatchObject({ count: 105, by: 'racer' });
  });

  it('If-Match that is current: written like an uncontended change', async () => {
    const store = counterStore(1);
    const { change } = increment(store);
    const saved = await conditionalWrite(change, store.current().etag);
    expect(saved.value.count).toBe(2);
    expect(store.current().etag).toBe(saved.etag);
  });

  it('a `done` decision writes nothing and returns its answer', async () => {
    const store = counterStore(7);
    const before = store.current();
    const writesBefore = store.container.committed.length;

    const answer = await conditionalWrite<Counter, string>({ read: store.read, decide: () => ({ done: 'nothing to do' }) });

    expect(answer).toBe('nothing to do');
    expect(store.current()).toEqual(before);
    expect(store.container.committed).toHaveLength(writesBefore);
  });

  it('a refusal thrown by decide reaches the caller and nothing is written', async () => {
    const store = counterStore(7);
    const before = store.current();
    const refusal = new ConflictError('not-allowed', 'no');
    const error = await conditionalWrite<Counter, void>({
      read: store.read,
      decide: () => {
        throw refusal;
      },
    }).catch((e: unknown) => e);
    expect(error).toBe(refusal);
    expect(store.current()).toEqual(before);
  });

  it('a missing item is the decision’s business even with If-Match (it answers 404, not 412)', async () => {
    const container = new InMemoryContainer('counters', 'pk');
    const seen: (Versioned<Counter> | undefined)[] = [];
    const answer = await conditionalWrite<Counter, string>(
      {
        read: async () => undefined,
        decide: (found) => {
          seen.push(found);
          return { done: 'absent' };
        },
      },
      '"some-etag"',
    );
    expect(answer).toBe('absent');
    expect(seen).toEqual([undefined]);
    expect(container.committed).toHaveLength(0);
  });

  it('contention that outlasts the policy: 503 ServiceBusyError with Retry-After, mapped to a problem+json answer', async () => {
    const store = counterStore(0);
    // Every write the change attempts loses to another writer.
    store.races.beforeNextWrite(async () => store.bump('racer', 1), Infinity);
    const { change, decisions } = increment(store);

    const error = await conditionalWrite(change).catch((e: unknown) => e);
    store.races.clear();

    expect(error).toBeInstanceOf(ServiceBusyError);
    const busy = error as ServiceBusyError;
    expect(busy.status).toBe(503);
    expect(busy.code).toBe('contention');
    expect(busy.retryAfterSeconds).toBe(CONTENTION_POLICY.retryAfterSeconds);
    expect(decisions).toHaveLength(CONTENTION_POLICY.maxAttempts);
    // Only the racers' writes are stored.
    expect(store.current().doc).toMatchObject({ count: CONTENTION_POLICY.maxAttempts, by: 'racer' });

    const { response, unexpected } = problemResponse(error, '/api/things/1');
    expect(unexpected).toBe(false);
    expect(response.status).toBe(503);
    expect(response.headers).toMatchObject({
      'content-type': 'application/problem+json',
      'retry-after': String(CONTENTION_POLICY.retryAfterSeconds),
    });
    expect(JSON.parse(response.body as string)).toMatchObject({
      status: 503,
      code: 'contention',
      title: 'Service busy',
      type: 'urn:partner-relationships:problem:contention',
      instance: '/api/things/1',
    });
  });
});
