// Idempotency records and their leases against the real Cosmos-protocol server of the test stack: the lease, the
// takeover that only one of many concurrent retries wins, and runIdempotently's promise that a request whose effect
// may have happened is never forgotten (its record is released, never deleted).
import { CosmosClient, type Container } from '@azure/cosmos';
import { randomUUID } from 'node:crypto';
import { AdjustableClock } from '../../../shared/platform/core/clock.js';
import { ConflictError } from '../../../shared/platform/core/errors.js';
import { sha256Hex } from '../../../shared/platform/core/ids.js';
import type { EndpointResult } from '../../../shared/platform/http/endpoint-result.js';
import { runIdempotently, type IdempotencyLease } from '../../../shared/platform/http/idempotency.js';
import { CosmosIdempotencyStore } from '../../../shared/platform/persistence/idempotency-store.js';
import { sharedStack, waitFor } from '../../support/api.js';

const LEASE_SECONDS = 60;
let container: Container;
let clock: AdjustableClock;
let store: CosmosIdempotencyStore;

beforeAll(() => {
  const { settings } = sharedStack().stack;
  const client = new CosmosClient({
    endpoint: settings.COSMOS_ENDPOINT!,
    key: settings.COSMOS_KEY!,
    connectionPolicy: { enableEndpointDiscovery: false },
  });
  container = client.database(settings.COSMOS_DATABASE!).container('idempotency');
});
beforeEach(() => {
  clock = new AdjustableClock();
  store = new CosmosIdempotencyStore(container, { clock, leaseSeconds: LEASE_SECONDS });
});

const created = (id: string): EndpointResult => ({ status: 201, body: { id } });

describe('Cosmos idempotency store', () => {
  it('creates a pending record leased for the configured time; a second create finds it', async () => {
    const id = randomUUID();
    const lease = await store.create(id, 'fp');
    expect(lease).toMatchObject({ id, fingerprint: 'fp', etag: expect.any(String) });
    expect(await store.create(id, 'fp')).toBe('exists');
    const record = (await store.read(id))!;
    expect(record).toMatchObject({ state: 'pending', fingerprint: 'fp' });
    expect(Date.parse(record.leaseExpiresAt!) - clock.now().getTime()).toBeGreaterThan((LEASE_SECONDS - 5) * 1000);
    expect(store.leaseExpired(record)).toBe(false);
    clock.advance((LEASE_SECONDS + 1) * 1000);
    expect(store.leaseExpired(record)).toBe(true);
  });

  it('lets exactly one of many concurrent retries take over an expired lease', async () => {
    const id = randomUUID();
    await store.create(id, 'fp');
    clock.advance((LEASE_SECONDS + 1) * 1000);
    const record = (await store.read(id))!;
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.takeOver(record)));
    const winners = outcomes.filter((o): o is IdempotencyLease => o !== 'lost');
    expect(winners).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'lost')).toHaveLength(7);
    const after = (await store.read(id))!;
    expect(after.etag).toBe(winners[0]!.etag);
    expect(store.leaseExpired(after)).toBe(false);
  });

  it('does not let an attempt whose lease was taken over overwrite the new owner, and finishes only once', async () => {
    const id = randomUUID();
    const first = (await store.create(id, 'fp')) as IdempotencyLease;
    clock.advance((LEASE_SECONDS + 1) * 1000);
    const second = (await store.takeOver((await store.read(id))!)) as IdempotencyLease;
    expect(await store.complete(first, created('late'))).toBe('lost');
    expect((await store.read(id))!.state).toBe('pending');
    expect(await store.complete(second, created('x'))).toBe('completed');
    // The same completion retried after its answer was lost (the write was applied): it reports completed.
    expect(await store.complete(second, created('x'))).toBe('completed');
    expect((await store.read(id))!).toMatchObject({ state: 'completed', result: created('x') });
  });
});

describe('runIdempotently against the store', () => {
  const call = (key: string, body: unknown, run: (operationKey: string) => Promise<EndpointResult>) =>
    runIdempotently(store, { key, scope: `test|${key}`, requestFingerprint: JSON.stringify(body), run });

  it('replays a finished request and refuses the key with another body', async () => {
    const key = randomUUID();
    let runs = 0;
    const first = await call(key, { a: 1 }, async () => created(`r${++runs}`));
    const again = await call(key, { a: 1 }, async () => created(`r${++runs}`));
    expect(runs).toBe(1);
    expect(again).toEqual({ ...first, headers: { 'idempotent-replayed': 'true' } });
    await expect(call(key, { a: 2 }, async () => created('other'))).rejects.toMatchObject({ code: 'idempotency-key-reused' });
  });

  it('keeps the record of a failed run (released, not deleted): the retry runs with the same operation key, the body stays bound', async () => {
    const key = randomUUID();
    const keys: string[] = [];
    await expect(
      call(key, { a: 1 }, async (operationKey) => {
        keys.push(operationKey);
        throw new Error('the database timed out — maybe after applying the write');
      }),
    ).rejects.toThrow('timed out');
    // The record is still there, and still bound to its body.
    await expect(call(key, { a: 2 }, async () => created('other'))).rejects.toMatchObject({ code: 'idempotency-key-reused' });
    const retried = await call(key, { a: 1 }, async (operationKey) => {
      keys.push(operationKey);
      return created('ok');
    });
    expect(retried).toEqual(created('ok'));
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(keys[0]);
  });

  it('answers 409 request-in-progress while a lease runs, and lets exactly one of concurrent retries run after it ran out', async () => {
    const key = randomUUID();
    // An attempt that claimed the key and died (no release, no completion).
    let release!: () => void;
    const dying = call(
      key,
      { a: 1 },
      () => new Promise<EndpointResult>((_resolve, reject) => (release = () => reject(new Error('killed')))),
    );
    await waitFor(async () => (await store.read(recordIdOf(key)))?.state === 'pending', 'the claim of the dying attempt');
    const during = await call(key, { a: 1 }, async () => created('too early')).catch((e: unknown) => e);
    expect(during).toBeInstanceOf(ConflictError);
    expect((during as ConflictError).code).toBe('request-in-progress');

    clock.advance((LEASE_SECONDS + 1) * 1000);
    let runs = 0;
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () =>
        call(key, { a: 1 }, async () => {
          runs += 1;
          return created('the one run');
        }),
      ),
    );
    expect(runs).toBe(1);
    for (const outcome of outcomes) {
      if (outcome.status === 'fulfilled') expect(outcome.value.body).toEqual({ id: 'the one run' });
      else expect(outcome.reason).toMatchObject({ code: 'request-in-progress' });
    }
    release();
    await expect(dying).rejects.toThrow('killed');
  });
});

/** The record id runIdempotently uses for `call(key, …)`: the hash of its scope and key. */
const recordIdOf = (key: string): string => sha256Hex(`test|${key}|${key}`);
