// Fixed-window counters in Cosmos (atomic patch increments), shared by every function instance: the throttles of
// "Contact me" and of invitation emails.
import type { Container } from '@azure/cosmos';
import type { Clock } from '../core/clock.js';
import { TooManyRequestsError } from '../core/errors.js';
import { sha256Hex } from '../core/ids.js';
import { isConflict, isNotFound } from '../persistence/cosmos.js';

export interface RateLimit {
  /** What is counted, e.g. `contact:email:<hash>`; hashed before storage. */
  key: string;
  limit: number;
  windowSeconds: number;
}

/** A 429 that says which limit was used up (its key), for callers that treat one limit specially. */
export class RateLimitExceededError extends TooManyRequestsError {
  constructor(
    detail: string,
    retryAfterSeconds: number,
    readonly limitKey: string,
  ) {
    super(detail, retryAfterSeconds);
  }
}

export class RateLimiter {
  constructor(
    private readonly container: Container,
    private readonly clock: Clock,
  ) {}

  /**
   * Takes one unit of every limit, atomically, or none: each counter is incremented with a patch (atomic in Cosmos),
   * and when one ends over its limit the units already taken are given back and a 429 with Retry-After is thrown.
   * So the limits hold under any concurrency — of 30 simultaneous requests against a limit of 5, exactly 5 pass.
   * Callers take units right before the write they limit, and give them back (`release`) if that write did not
   * happen (a duplicate that found an existing lead), so only real actions use up an allowance.
   */
  async take(limits: readonly RateLimit[], message: string): Promise<void> {
    const now = this.clock.now().getTime() / 1000;
    const taken: string[] = [];
    for (const limit of limits) {
      const { id, windowEnd } = this.window(limit, now);
      const count = await this.increment(id, 1, limit.windowSeconds * 2);
      taken.push(id);
      if (count > limit.limit) {
        await Promise.all(taken.map((t) => this.increment(t, -1, limit.windowSeconds * 2)));
        throw new RateLimitExceededError(message, Math.max(1, Math.ceil(windowEnd - now)), limit.key);
      }
    }
  }

  /** Gives back the units `take` took (same clock window), when the limited action did not happen after all. */
  async release(limits: readonly RateLimit[], takenAt: Date): Promise<void> {
    const at = takenAt.getTime() / 1000;
    await Promise.all(limits.map((limit) => this.increment(this.window(limit, at).id, -1, limit.windowSeconds * 2)));
  }

  private window(limit: RateLimit, nowSeconds: number): { id: string; windowEnd: number } {
    const windowStart = Math.floor(nowSeconds / limit.windowSeconds) * limit.windowSeconds;
    return { id: sha256Hex(`${limit.key}|${limit.windowSeconds}|${windowStart}`), windowEnd: windowStart + limit.windowSeconds };
  }

  /** Atomic increment: a patch when the window's counter exists, else a create; a racing create means patch again. */
  private async increment(id: string, by: 1 | -1, ttl: number): Promise<number> {
    const patch = async () => {
      const { resource } = await this.container
        .item(id, id)
        .patch<{ count: number }>([{ op: 'incr', path: '/count', value: by }]);
      return resource!.count;
    };
    try {
      return await patch();
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    try {
      await this.container.items.create({ id, count: by, ttl });
      return by;
    } catch (error) {
      if (!isConflict(error)) throw error;
      return patch();
    }
  }
}
