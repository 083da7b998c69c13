// Fixed-window counters in Cosmos (atomic patch increments), shared by every function instance.
import type { Container } from '@azure/cosmos';
import type { Clock } from '../core/clock.js';
import { TooManyRequestsError } from '../core/errors.js';
import { sha256Hex } from '../core/ids.js';
import { isConflict, isNotFound, readItem } from '../persistence/cosmos.js';

export interface RateLimit {
  /** What is counted, e.g. `contact:email:<hash>`; hashed before storage. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export class RateLimiter {
  constructor(
    private readonly container: Container,
    private readonly clock: Clock,
  ) {}

  /**
   * Throws 429 with Retry-After when any limit is already used up. Checking before and counting after the action
   * (`record`) means a request that turns out to be a duplicate never uses up the caller's allowance; concurrent
   * distinct requests may overshoot a limit by their number, which is fine for abuse control.
   */
  async check(limits: readonly RateLimit[], message: string): Promise<void> {
    const now = this.clock.now().getTime() / 1000;
    for (const limit of limits) {
      const { id, windowEnd } = this.window(limit, now);
      const doc = await readItem<{ count: number }>(this.container, id, id);
      if (doc && doc.count >= limit.limit) {
        throw new TooManyRequestsError(message, Math.max(1, Math.ceil(windowEnd - now)));
      }
    }
  }

  /** Counts one action against every limit. */
  async record(limits: readonly RateLimit[]): Promise<void> {
    const now = this.clock.now().getTime() / 1000;
    for (const limit of limits) await this.increment(this.window(limit, now).id, limit.windowSeconds * 2);
  }

  private window(limit: RateLimit, nowSeconds: number): { id: string; windowEnd: number } {
    const windowStart = Math.floor(nowSeconds / limit.windowSeconds) * limit.windowSeconds;
    return { id: sha256Hex(`${limit.key}|${limit.windowSeconds}|${windowStart}`), windowEnd: windowStart + limit.windowSeconds };
  }

  /** Atomic increment: a patch when the window's counter exists, else a create; a racing create means patch again. */
  private async increment(id: string, ttl: number): Promise<number> {
    const patch = async () => {
      const { resource } = await this.container.item(id, id).patch<{ count: number }>([{ op: 'incr', path: '/count', value: 1 }]);
      return resource!.count;
    };
    try {
      return await patch();
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    try {
      await this.container.items.create({ id, count: 1, ttl });
      return 1;
    } catch (error) {
      if (!isConflict(error)) throw error;
      return patch();
    }
  }
}
