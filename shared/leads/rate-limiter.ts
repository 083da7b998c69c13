// Fixed-window counters in Cosmos (atomic patch increments), shared by every function instance.
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

export class RateLimiter {
  constructor(
    private readonly container: Container,
    private readonly clock: Clock,
  ) {}

  /** Counts one hit against every limit; throws 429 with Retry-After when any is over. */
  async hit(limits: readonly RateLimit[], message: string): Promise<void> {
    const now = this.clock.now().getTime();
    for (const limit of limits) {
      const windowStart = Math.floor(now / 1000 / limit.windowSeconds) * limit.windowSeconds;
      const id = sha256Hex(`${limit.key}|${limit.windowSeconds}|${windowStart}`);
      const count = await this.increment(id, limit.windowSeconds * 2);
      if (count > limit.limit) {
        throw new TooManyRequestsError(message, Math.max(1, windowStart + limit.windowSeconds - Math.floor(now / 1000)));
      }
    }
  }

  private async increment(id: string, ttl: number): Promise<number> {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const { resource } = await this.container.item(id, id).patch<{ count: number }>([{ op: 'incr', path: '/count', value: 1 }]);
        return resource!.count;
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      try {
        await this.container.items.create({ id, count: 1, ttl });
        return 1;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error('rate limit counter kept changing');
  }
}
