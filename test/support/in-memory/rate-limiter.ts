// In-memory rate limiter with the fixed-window behaviour of the Cosmos-backed RateLimiter: `take` takes one unit of
// every limit or none (429 with Retry-After, the seconds to the window's end, when one would go over), `release` gives
// units back in the window they were taken in.
//
// RateLimiter is a class over a Cosmos container, not a port, so this subclass overrides its two public methods and
// hands the base class no container (it never touches one once both are overridden).
import type { Container } from '@azure/cosmos';
import type { Clock } from '../../../shared/platform/core/clock.js';
import { TooManyRequestsError } from '../../../shared/platform/core/errors.js';
import { RateLimiter, type RateLimit } from '../../../shared/platform/rate-limit/rate-limiter.js';

export class InMemoryRateLimiter extends RateLimiter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly now: Clock) {
    // Unused: both methods that would read it are overridden below.
    super(undefined as unknown as Container, now);
  }

  override async take(limits: readonly RateLimit[], message: string): Promise<void> {
    const nowSeconds = this.now.now().getTime() / 1000;
    const taken: string[] = [];
    for (const limit of limits) {
      const { key, windowEnd } = this.windowOf(limit, nowSeconds);
      taken.push(key);
      if (this.add(key, 1) > limit.limit) {
        for (const t of taken) this.add(t, -1);
        throw new TooManyRequestsError(message, Math.max(1, Math.ceil(windowEnd - nowSeconds)));
      }
    }
  }

  override async release(limits: readonly RateLimit[], takenAt: Date): Promise<void> {
    for (const limit of limits) this.add(this.windowOf(limit, takenAt.getTime() / 1000).key, -1);
  }

  private add(key: string, by: 1 | -1): number {
    const count = (this.counts.get(key) ?? 0) + by;
    this.counts.set(key, count);
    return count;
  }

  private windowOf(limit: RateLimit, nowSeconds: number): { key: string; windowEnd: number } {
    const windowStart = Math.floor(nowSeconds / limit.windowSeconds) * limit.windowSeconds;
    return { key: `${limit.key}|${limit.windowSeconds}|${windowStart}`, windowEnd: windowStart + limit.windowSeconds };
  }
}
