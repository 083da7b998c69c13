// Fixed-window counters in Cosmos, shared by every function instance: the throttles of "Contact me" and of invitation
// emails.
//
// Layout: each UTC day is one logical partition holding a few shard items (`shard-0` … `shard-31`); a counter is a
// field of one shard, `counts.<hash of key, window length and window start>`. So every counter a request needs —
// however many limits apply — is in one partition, and taking a unit of each is ONE transactional batch of
// conditional patches ("increment, if every counter of this shard is below its limit") with no read before it: the
// batch either takes a unit of every limit or none, increments never conflict with each other, and a limit is never
// passed (30 simultaneous requests against a limit of 5 store exactly 5). The day's shard items are created together
// by the first request of the day (it finds one missing). The day's partition carries every throttled request of the service that day — hundreds a
// second before Cosmos DB would throttle it, far above what these endpoints allow.
import type { Container, OperationInput } from '@azure/cosmos';
import type { Clock } from '../core/clock.js';
import { TooManyRequestsError } from '../core/errors.js';
import { sha256Hex } from '../core/ids.js';
import { conditionalWrite, STALE } from '../persistence/conditional-write.js';
import { batchFailure, cosmosStatus, executeBatch, readItem } from '../persistence/cosmos.js';

export interface RateLimit {
  /** What is counted, e.g. `contact:email:<hash>`; hashed before storage. */
  key: string;
  limit: number;
  /** The window length; it divides a day (an hour, a day…), so every window lies within one day's partition. */
  windowSeconds: number;
  /** How many units the action takes (1 unless said): a paced bulk operation takes a whole slice of items at once. */
  units?: number;
}

const unitsOf = (limit: RateLimit): number => Math.max(1, Math.floor(limit.units ?? 1));

export type TakeOutcome = 'taken' | 'already-taken';

interface ShardDoc {
  id: string;
  day: string;
  counts: Record<string, number>;
  ttl: number;
}

const DAY_SECONDS = 86_400;
const SHARDS = 32;
/** Shards live two days: a window never outlasts its day, and yesterday's counters are still there to give back. */
const SHARD_TTL_SECONDS = 2 * DAY_SECONDS;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/** Orders a take's batch: the claim, then the creates of missing shards, then the patches (Array#sort is stable). */
function creationRank(operation: OperationInput, missing: readonly string[]): number {
  if (operation.operationType !== 'Create') return 2;
  const id = (operation.resourceBody as { id?: unknown }).id;
  return typeof id === 'string' && missing.includes(id) ? 1 : 0;
}

interface Counter {
  limit: RateLimit;
  shard: string;
  field: string;
  windowEnd: number;
}

export class RateLimiter {
  constructor(
    private readonly container: Container,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes one unit of every limit, atomically, or none and throws a 429 with Retry-After. With `claim`, the units are
   * taken at most once per claim and day: a request that finds its claim taken ("this email already asked this
   * partner today") takes nothing and gets 'already-taken' — so identical requests arriving together use up one unit
   * between them. Callers take units right before the write they limit and give them back (`release`) when that write
   * did not happen after all. One Cosmos request, more only on the first request of a day or at a limit.
   */
  async take(limits: readonly RateLimit[], message: string, options: { claim?: string } = {}): Promise<TakeOutcome> {
    const now = this.clock.now();
    const day = dayOf(now);
    const counters = limits.map((limit) => this.counter(limit, now));
    const claimId = options.claim === undefined ? undefined : `claim_${sha256Hex(options.claim)}`;
    const shards = [...new Set(counters.map((c) => c.shard))];
    // What the attempts learnt: that the day's shards are not all there, and the shard whose condition refused last.
    const learnt: { dayIncomplete?: boolean; refusedBy?: string } = {};

    type Read = { refused?: ShardDoc; missing: readonly string[] };
    return conditionalWrite<Read, TakeOutcome>({
      // Nothing to read before the first attempt: the batch's conditions check the limits. After a shard refused, it
      // is read (to tell the limit reached, and its Retry-After, from a unit given back meanwhile); after one was
      // missing, the day's shards are listed, and the batch creates those that are not there yet.
      read: async () => {
        const refused =
          learnt.refusedBy === undefined ? undefined : await readItem<ShardDoc>(this.container, learnt.refusedBy, day);
        const missing = learnt.dayIncomplete ? await this.missingShards(day) : [];
        return { value: { ...(refused ? { refused } : {}), missing }, etag: '' };
      },
      decide: (read) => {
        const closed = counters.find((c) => c.limit.limit < unitsOf(c.limit));
        if (closed) throw new TooManyRequestsError(message, Math.max(1, Math.ceil(closed.windowEnd - now.getTime() / 1000)));
        const { refused, missing } = read!.value;
        if (refused) {
          const over = counters.find(
            (c) => c.shard === refused.id && (refused.counts[c.field] ?? 0) + unitsOf(c.limit) > c.limit.limit,
          );
          if (over) throw new TooManyRequestsError(message, Math.max(1, Math.ceil(over.windowEnd - now.getTime() / 1000)));
        }
        const operations: OperationInput[] = [
          // The claim goes first: a request whose identical twin took the units fails here, taking nothing.
          ...(claimId
            ? [
                {
                  operationType: 'Create' as const,
                  partitionKey: day,
                  resourceBody: { id: claimId, day, ttl: SHARD_TTL_SECONDS },
                },
              ]
            : []),
          ...shards.map((shard) => this.takeOperation(day, shard, counters)),
          // Today's missing shards, created in the same batch, before the patches that take units from them.
          ...missing.map((shard) => this.createShardOperation(day, shard)),
        ];
        operations.sort((a, b) => creationRank(a, missing) - creationRank(b, missing));
        const shardOf = (index: number): string | undefined => {
          const operation = operations[index];
          return operation && operation.operationType === 'Patch' ? operation.id : undefined;
        };
        return {
          write: async () => {
            try {
              await executeBatch(this.container, day, operations);
              return 'taken';
            } catch (error) {
              const failure = batchFailure(error);
              if (!failure) throw error;
              const failed = operations[failure.index];
              if (failed?.operationType === 'Create' && failed.resourceBody.id === claimId && failure.status === 409) {
                return 'already-taken';
              }
              learnt.refusedBy = undefined;
              learnt.dayIncomplete = false;
              if (failure.status === 404 || failure.status === 409)
                learnt.dayIncomplete = true; // shards missing, or created meanwhile
              else if (failure.status === 412 && shardOf(failure.index))
                learnt.refusedBy = shardOf(failure.index); // a limit reached?
              else throw error;
              return STALE;
            }
          },
        };
      },
    });
  }

  /** Gives back the units `take` took at `takenAt` (and its claim), when the limited action did not happen after all. */
  async release(limits: readonly RateLimit[], takenAt: Date, options: { claim?: string } = {}): Promise<void> {
    const day = dayOf(takenAt);
    const counters = limits.map((limit) => this.counter(limit, takenAt));
    const operations: OperationInput[] = [
      ...[...new Set(counters.map((c) => c.shard))].map((shard): OperationInput => ({
        operationType: 'Patch',
        id: shard,
        partitionKey: day,
        resourceBody: counters
          .filter((c) => c.shard === shard)
          .map((c) => ({ op: 'incr' as const, path: `/counts/${c.field}`, value: -unitsOf(c.limit) })),
      })),
      ...(options.claim === undefined
        ? []
        : [{ operationType: 'Delete' as const, id: `claim_${sha256Hex(options.claim)}`, partitionKey: day }]),
    ];
    try {
      await executeBatch(this.container, day, operations);
    } catch (error) {
      if (cosmosStatus(error) !== 404) throw error;
      // Something to give back is gone already (its day expired): give back what is still there, one by one.
      for (const operation of operations) {
        await executeBatch(this.container, day, [operation]).catch((e: unknown) => {
          if (cosmosStatus(e) !== 404) throw e;
        });
      }
    }
  }

  private counter(limit: RateLimit, at: Date): Counter {
    if (DAY_SECONDS % limit.windowSeconds !== 0)
      throw new Error(`a rate-limit window must divide a day: ${limit.windowSeconds}s`);
    const nowSeconds = at.getTime() / 1000;
    const windowStart = Math.floor(nowSeconds / limit.windowSeconds) * limit.windowSeconds;
    const field = sha256Hex(`${limit.key}|${limit.windowSeconds}|${windowStart}`).slice(0, 32);
    return {
      limit,
      field,
      shard: `shard-${parseInt(field.slice(0, 6), 16) % SHARDS}`,
      windowEnd: windowStart + limit.windowSeconds,
    };
  }

  /** The shards of `day` not created yet (a query of the day's partition: the day's first request only). */
  private async missingShards(day: string): Promise<string[]> {
    const { resources } = await this.container.items
      .query<string>({ query: "SELECT VALUE c.id FROM c WHERE STARTSWITH(c.id, 'shard-')" }, { partitionKey: day })
      .fetchAll();
    const present = new Set(resources);
    return Array.from({ length: SHARDS }, (_, i) => `shard-${i}`).filter((id) => !present.has(id));
  }

  private createShardOperation(day: string, shard: string): OperationInput {
    const doc: ShardDoc = { id: shard, day, counts: {}, ttl: SHARD_TTL_SECONDS };
    return { operationType: 'Create', partitionKey: day, resourceBody: { ...doc } };
  }

  /** Takes a unit of each of the shard's counters if every one is below its limit. */
  private takeOperation(day: string, shard: string, counters: readonly Counter[]): OperationInput {
    const mine = counters.filter((c) => c.shard === shard);
    return {
      operationType: 'Patch',
      id: shard,
      partitionKey: day,
      resourceBody: {
        operations: mine.map((c) => ({ op: 'incr' as const, path: `/counts/${c.field}`, value: unitsOf(c.limit) })),
        condition: `from c where ${mine
          .map((c) => `(c.counts["${c.field}"] ?? 0) <= ${Math.floor(c.limit.limit) - unitsOf(c.limit)}`)
          .join(' and ')}`,
      },
    };
  }
}
