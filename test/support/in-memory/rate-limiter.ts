// In-memory rate limiter with the fixed-window behaviour of the Cosmos-backed RateLimiter: `take` takes one unit of
// every limit or none (429 with Retry-After, the seconds to the window's end, when one would go over), at most once per
// claim and day ('already-taken' for the claim's twin, which takes nothing); `release` gives units (and the claim)
// back in the window they were taken in.
//
// RateLimiter is a class over a Cosmos container, not a port, so this subclass overrides its two public methods and
// hands the base class no container (it never touches one once both are overridden).
import type { Container } from '@azure/cosmos';
import type { Clock } from '../../../shared/platform/core/clock.js';
import { TooManyRequestsError } from '../../../shared/platform/core/errors.js';
import { RateLimiter, type RateLimit, type TakeOutcome } from '../../../shared/platform/rate-limit/rate-limiter.js';

export class InMemoryRateLimiter extends RateLimiter {
  private readonly counts = new Map<string, number>();
  /** Claims taken, as `<UTC day>|<claim>`: a claim lives for its day, as the adapter's claim item does. */
  private readonly claims = new Set<string>();

  constructor(private readonly now: Clock) {
    // Unused: both methods that would read it are overridden below.
    super(undefined as unknown as Container, now);
  }

  override async take(limits: readonly RateLimit[], message: string, options: { claim?: string } = {}): Promise<TakeOutcome> {
    const at = this.now.now();
    const nowSeconds = at.getTime() / 1000;
    const closed = limits.find((l) => l.limit < (l.units ?? 1));
    if (closed) {
      const { windowEnd } = this.windowOf(closed, nowSeconds);
      throw new TooManyRequestsError(message, Math.max(1, Math.ceil(windowEnd - nowSeconds)));
    }
    // As the adapter's batch: the claim goes first, so a twin of a request that took its units takes nothing.
    const claim = options.claim === undefined ? undefined : claimKey(at, options.claim);
    if (claim !== undefined && this.claims.has(claim)) return 'already-taken';
    const taken: string[] = [];
    for (const limit of limits) {
      const { key, windowEnd } = this.windowOf(limit, nowSeconds);
      taken.push(key);
      if (this.add(key, limit.units ?? 1) > limit.limit) {
        for (const [i, t] of taken.entries()) this.add(t, -(limits[i]!.units ?? 1));
        throw new TooManyRequestsError(message, Math.max(1, Math.ceil(windowEnd - nowSeconds)));
      }
    }
    if (claim !== undefined) this.claims.add(claim);
    return 'taken';
  }

  override async release(limits: readonly RateLimit[], takenAt: Date, options: { claim?: string } = {}): Promise<void> {
    for (const limit of limits) this.add(this.windowOf(limit, takenAt.getTime() / 1000).key, -(limit.units ?? 1));
    if (options.claim !== undefined) this.claims.delete(claimKey(takenAt, options.claim));
  }

  private add(key: string, by: number): number {
    const count = (this.counts.get(key) ?? 0) + by;
    this.counts.set(key, count);
    return count;
  }

  private windowOf(limit: RateLimit, nowSeconds: number): { key: string; windowEnd: number } {
    const windowStart = Math.floor(nowSeconds / limit.windowSeconds) * limit.windowSeconds;
    return { key: `${limit.key}|${limit.windowSeconds}|${windowStart}`, windowEnd: windowStart + limit.windowSeconds };
  }
}

const claimKey = (at: Date, claim: string): string => `${at.toISOString().slice(0, 10)}|${claim}`;
