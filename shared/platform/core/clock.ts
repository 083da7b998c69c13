// Time as a dependency, so timers and expiries can be tested over simulated months.

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock a test or the local stack can move; starts at the real time and advances with it unless frozen. */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(to: Date): void {
    this.offsetMs = to.getTime() - Date.now();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export const addDays = (d: Date, days: number): Date => new Date(d.getTime() + days * 86_400_000);
export const addSeconds = (d: Date, s: number): Date => new Date(d.getTime() + s * 1000);
