// In-memory rate limiter with the fixed-window behaviour of the Cosmos-backed RateLimiter: `check` refuses with 429
// and Retry-After (seconds to the window's end) once a limit is used up; `record` counts one action against each.
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

  override async check(limits: readonly RateLimit[], message: string): Promise<void> {
    const nowSeconds = this.now.now().getTime() / 1000;
    for (const limit of limits) {
      const { key, windowEnd } = this.windowOf(limit, nowSeconds);
      if ((this.counts.get(key) ?? 0) >= limit.limit) {
        throw new TooManyRequestsError(message, Math.max(1, Math.ceil(windowEnd - nowSeconds)));
      }
    }
  }

  override async record(limits: readonly RateLimit[]): Promise<void> {
    const nowSeconds = this.now.now().getTime() / 1000;
    for (const limit of limits) {
      const { key } = this.windowOf(limit, nowSeconds);
      this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    }
  }

  private windowOf(limit: RateLimit, nowSeconds: number): { key: string; windowEnd: number } {
    const windowStart = Math.floor(nowSeconds / limit.windowSeconds) * limit.windowSeconds;
    return { key: `${limit.key}|${limit.windowSeconds}|${windowStart}`, windowEnd: windowStart + limit.windowSeconds };
  }
}
